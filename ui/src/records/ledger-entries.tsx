import { useI18n } from '../i18n';
import type { LedgerEntry } from '../model';
import { formatDateTime, formatMoney } from '../lib/format';

export function LedgerEntries({ entries, balances }: { entries: LedgerEntry[]; balances: Record<string, number> }) {
  const { t, lang } = useI18n();
  const accountLabel = (a: string) => {
    const key = `ledger.account.${a}`;
    const v = t(key);
    return v === key ? a : v;
  };
  return (
    <div data-testid="ledger">
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              <th>{t('ledger.at')}</th>
              <th>{t('ledger.account')}</th>
              <th className="num">{t('ledger.amount')}</th>
              <th>{t('ledger.period')}</th>
              <th>{t('ledger.memo')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={e.reverses ? 'reversal' : undefined}>
                <td className="nowrap">{formatDateTime(e.at, lang)}</td>
                <td>{accountLabel(e.account)}</td>
                <td className={`num ${e.amount < 0 ? 'neg' : ''}`}>{formatMoney(e.amount, lang)}</td>
                <td>{e.period}</td>
                <td>
                  {e.reverses && <span className="badge badge-amber">{t('ledger.reversal')}</span>} {e.memo ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {Object.keys(balances).length > 0 && (
        <dl className="balances">
          {Object.entries(balances).map(([acc, v]) => (
            <div key={acc}>
              <dt>{accountLabel(acc)}</dt>
              <dd className={v < 0 ? 'neg' : undefined}>{formatMoney(v, lang)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
