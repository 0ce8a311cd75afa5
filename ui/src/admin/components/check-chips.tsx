// A multi-select as a row of toggle chips (checkboxes underneath, so keyboard and screen readers work).
interface Option {
  value: string;
  label: string;
}

interface Props {
  options: Option[];
  value: string[];
  onChange: (next: string[]) => void;
  name?: string;
}

export function CheckChips({ options, value, onChange, name }: Props) {
  const toggle = (v: string) =>
    onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  // Values the options do not know (e.g. a state that was removed) stay visible so they can be cleared.
  const unknown = value.filter((v) => !options.some((o) => o.value === v));
  const all = [...options, ...unknown.map((v) => ({ value: v, label: v }))];
  return (
    <div className="adm-chips" role="group">
      {all.map((o) => (
        <label
          key={o.value}
          className={`adm-chip${value.includes(o.value) ? ' is-on' : ''}${unknown.includes(o.value) ? ' is-unknown' : ''}`}
        >
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={() => toggle(o.value)}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}
