import { useI18n } from '../i18n';

export const PAGE_SIZES = [10, 20, 50, 100];

export function Pager({
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (p: number) => void;
  onPageSize?: (s: number) => void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <span className="pager-total">{t('pager.total', { n: total })}</span>
      <button type="button" className="btn btn-sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('pager.prev')}
      </button>
      <span className="pager-pos">{t('pager.position', { page, pages })}</span>
      <button type="button" className="btn btn-sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('pager.next')}
      </button>
      {onPageSize && (
        <select className="input input-sm" value={pageSize} aria-label={t('pager.size')} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {t('pager.perPage', { n: s })}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
