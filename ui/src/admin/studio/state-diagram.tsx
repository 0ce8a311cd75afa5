// The state machine drawn as SVG: states as boxes by BFS depth from the initial state, actions as labelled arrows.
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { pointer } from '../pointer';
import { under } from '../issues';
import { BOX_H, LOOP_LINE, layout } from './diagram-layout';
import { useStudio } from './studio-context';

/** Rough text width for label backgrounds: CJK glyphs are about twice as wide as Latin ones. */
function textWidth(s: string, px = 11.5): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFFF]/.test(ch) ? px : px * 0.58;
  return w;
}

const MAX_LABEL = 120;

/** Arrow labels longer than the room between columns are cut with an ellipsis (the full text is in the tooltip). */
function fit(s: string): string {
  if (textWidth(s) <= MAX_LABEL) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(out + ch + '…') > MAX_LABEL) break;
    out += ch;
  }
  return out + '…';
}

interface Props {
  /** A transition is being drawn from this state: it is marked, and the next state picked is its target. */
  linkFrom?: string;
  onPickState?: (key: string) => void;
  onPickAction?: (key: string) => void;
}

export function StateDiagram({ linkFrom, onPickState, onPickAction }: Props) {
  const { draft, findings } = useStudio();
  const { t, label } = useI18n();
  const l = useMemo(() => layout(draft.states, draft.actions), [draft.states, draft.actions]);
  const actionLabel = (k: string) => label(draft.actions[k]?.label) || k;

  return (
    <div className="adm-diagram" data-testid="state-diagram">
      <svg
        role="img"
        aria-label={t('admin.studio.diagram')}
        viewBox={`${l.minX} ${l.minY} ${l.width} ${l.height}`}
        width={l.width}
        height={l.height}
      >
        <defs>
          <marker id="adm-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" className="adm-diagram__head" />
          </marker>
        </defs>
        {l.arrows.map((a, i) => (
          <path
            key={`p${i}`}
            className={`adm-diagram__edge${draft.actions[a.action]?.danger ? ' is-danger' : ''}`}
            d={`M${a.start.x},${a.start.y} Q${a.control.x},${a.control.y} ${a.end.x},${a.end.y}`}
            markerEnd="url(#adm-arrow)"
          />
        ))}
        {l.boxes.map((b) => {
          const s = draft.states[b.key];
          const mine = under(findings, pointer('states', b.key));
          const cls = [
            'adm-diagram__state',
            s.initial ? 'is-initial' : '',
            s.terminal ? 'is-terminal' : '',
            b.reachable ? '' : 'is-unreachable',
            b.key === linkFrom ? 'is-link-from' : '',
            mine.some((f) => f.level === 'error') ? 'has-error' : mine.length ? 'has-warning' : '',
          ].join(' ');
          return (
            <g
              key={b.key}
              className={cls}
              data-state={b.key}
              transform={`translate(${b.x},${b.y})`}
              onClick={() => onPickState?.(b.key)}
            >
              <title>
                {b.key}
                {b.reachable ? '' : ` · ${t('admin.studio.unreachable')}`}
              </title>
              <rect width={b.w} height={b.h} rx={8} />
              <text x={b.w / 2} y={19} textAnchor="middle" className="adm-diagram__name">
                {label(s.label) || b.key}
              </text>
              <text x={b.w / 2} y={35} textAnchor="middle" className="adm-diagram__key">
                {b.key}
                {s.initial ? ` · ${t('admin.studio.flag.initial')}` : s.terminal ? ` · ${t('admin.studio.flag.terminal')}` : ''}
              </text>
              {b.loops.map((k, i) => (
                <text
                  key={k}
                  x={10}
                  y={BOX_H + 8 + i * LOOP_LINE}
                  className="adm-diagram__loop"
                  onClick={(e) => {
                    e.stopPropagation();
                    onPickAction?.(k);
                  }}
                >
                  ↻ {actionLabel(k)}
                </text>
              ))}
            </g>
          );
        })}
        {l.arrows.map((a, i) => {
          const text = fit(actionLabel(a.action));
          const w = textWidth(text) + 10;
          return (
            <g
              key={`l${i}`}
              className="adm-diagram__label"
              transform={`translate(${a.mid.x},${a.mid.y})`}
              onClick={() => onPickAction?.(a.action)}
            >
              <title>{`${actionLabel(a.action)} (${a.action}): ${a.from} → ${a.to}`}</title>
              <rect x={-w / 2} y={-9} width={w} height={18} rx={4} />
              <text textAnchor="middle" y={4}>
                {text}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="adm-diagram__legend adm-muted adm-small">
        <span className="adm-legend adm-legend--initial" /> {t('admin.studio.flag.initial')}
        <span className="adm-legend adm-legend--terminal" /> {t('admin.studio.flag.terminal')}
        <span className="adm-legend adm-legend--unreachable" /> {t('admin.studio.unreachable')}
        <span>↻ {t('admin.studio.stays')}</span>
      </p>
    </div>
  );
}
