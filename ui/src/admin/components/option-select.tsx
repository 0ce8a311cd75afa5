// A labelled select over value/label options: the studio's forms have many.
interface Props {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  /** A first option for "none", with its words. */
  none?: string;
}

export function OptionSelect({ name, label, value, options, onChange, none }: Props) {
  return (
    <label className="adm-field">
      <span className="adm-field__label">{label}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
        {none !== undefined && <option value="">{none}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
