'use client';

/** A select whose choice lives in the URL: changing it navigates to the same page with `name` set. */
import { usePathname, useRouter, useSearchParams } from 'next/navigation';

export interface UrlSelectProps {
  name: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** The value that means "default" and is left out of the URL. */
  defaultValue?: string;
}

export function UrlSelect({ name, label, value, options, defaultValue }: UrlSelectProps) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  function onChange(next: string) {
    const params = new URLSearchParams(searchParams.toString());
    if (next === defaultValue || next === '') params.delete(name);
    else params.set(name, next);
    const query = params.toString();
    router.push(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }
  return (
    <label className="row" style={{ gap: '0.35rem', fontSize: '0.85rem' }}>
      <span className="muted">{label}</span>
      <select name={name} value={value} onChange={(event) => onChange(event.target.value)} data-testid={`select-${name}`}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>{option.label}</option>
        ))}
      </select>
    </label>
  );
}
