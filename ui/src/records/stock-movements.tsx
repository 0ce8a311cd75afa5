import { useI18n } from '../i18n';
import type { StockMovement } from '../model';
import { formatDateTime } from '../lib/format';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function StockMovements({ items }: { items: StockMovement[] }) {
  const { t, lang } = useI18n();
  const noteLabel = (note?: string) => {
    if (!note) return '';
    const key = `stock.note.${note}`;
    const v = t(key);
    return v === key ? note : v;
  };
  if (items.length === 0) return <p className="muted">{t('stock.empty')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table-compact" data-testid="stock-movements">
        <thead>
          <tr>
            <th>{t('stock.at')}</th>
            <th>{t('stock.product')}</th>
            <th>{t('stock.warehouse')}</th>
            <th className="num">{t('stock.onHand')}</th>
            <th className="num">{t('stock.reserved')}</th>
            <th>{t('stock.note')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id}>
              <td className="nowrap">{formatDateTime(m.at, lang)}</td>
              <td>{m.product}</td>
              <td>{m.warehouse}</td>
              <td className={`num ${m.onHand < 0 ? 'neg' : m.onHand > 0 ? 'pos' : ''}`}>{m.onHand ? signed(m.onHand) : '—'}</td>
              <td className={`num ${m.reserved < 0 ? 'neg' : m.reserved > 0 ? 'pos' : ''}`}>{m.reserved ? signed(m.reserved) : '—'}</td>
              <td>{noteLabel(m.note)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
