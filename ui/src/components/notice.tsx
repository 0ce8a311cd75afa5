import type { ReactNode } from 'react';

export function Notice({ tone = 'info', children, onClose }: { tone?: 'info' | 'success' | 'warning' | 'error'; children: ReactNode; onClose?: () => void }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span>{children}</span>
      {onClose && (
        <button type="button" className="alert-close" aria-label="×" onClick={onClose}>
          ×
        </button>
      )}
    </div>
  );
}
