/** The dashboard's filters: period, source, vertical and category, kept in the URL so views can be shared. */
import { PERIODS, type PeriodId } from '../lib/period.ts';

export interface FilterValues {
  period: PeriodId;
  source: string;
  vertical: string;
  category: string;
}

export const CATEGORIES = ['no_answer', 'voicemail', 'abandoned', 'busy'] as const;

export function Filters({
  values,
  sources,
  verticals,
  onChange,
}: {
  values: FilterValues;
  sources: string[];
  verticals: string[];
  onChange(next: FilterValues): void;
}) {
  const set = (key: keyof FilterValues) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    onChange({ ...values, [key]: e.target.value });
  return (
    <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        <span>Period</span>
        <select value={values.period} onChange={set('period')}>
          {PERIODS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Source</span>
        <select value={values.source} onChange={set('source')}>
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Vertical</span>
        <select value={values.vertical} onChange={set('vertical')}>
          <option value="">All verticals</option>
          {verticals.map((v) => (
            <option key={v} value={v}>
              {v.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>Category</span>
        <select value={values.category} onChange={set('category')}>
          <option value="">All categories</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}
