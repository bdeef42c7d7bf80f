'use client';

/**
 * A select whose choice lives in the URL (nuqs): changing it sets `name` and re-renders the page on the server
 * (a history entry, so Back returns to the previous choice); the default value is left out of the URL.
 */
import { parseAsString, useQueryState } from 'nuqs';

export interface UrlSelectProps {
  name: string;
  label: string;
  /** The choice shown (the page may compute it when the URL names none). */
  value: string;
  options: readonly { value: string; label: string }[];
  /** The value that means "default" and is left out of the URL. */
  defaultValue?: string;
  /** The select's test id (default `select-<name>`). */
  testId?: string;
}

export function UrlSelect({ name, label, value, options, defaultValue, testId }: UrlSelectProps) {
  const [, setParam] = useQueryState(name, parseAsString.withOptions({ shallow: false, history: 'push', scroll: false }));
  return (
    <label className="row" style={{ gap: '0.35rem', fontSize: '0.85rem' }}>
      <span className="muted">{label}</span>
      <select name={name} value={value} onChange={(event) => void setParam(event.target.value === defaultValue || event.target.value === '' ? null : event.target.value)} data-testid={testId ?? `select-${name}`}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </label>
  );
}
