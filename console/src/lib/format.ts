/** How numbers, money, times and durations read in the console. Pure: tested in node. */

export function percent(rate: number | null | undefined, digits = 0): string {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

export function money(amount: number | null | undefined, currency = 'USD'): string {
  if (amount === null || amount === undefined) return '—';
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      maximumFractionDigits: amount >= 1000 ? 0 : 2,
      minimumFractionDigits: 0,
    }).format(amount);
  } catch {
    return `${amount.toFixed(0)} ${currency}`;
  }
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : new Intl.NumberFormat('en-US').format(n);
}

/** 42 → "42s", 330 → "5m 30s", 1000 → "17m", 7200 → "2h", 90000 → "1d 1h". */
export function seconds(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const s = Math.round(value);
  if (s < 60) return `${s}s`;
  if (s < 600) {
    const m = Math.floor(s / 60);
    const rest = s % 60;
    return rest ? `${m}m ${rest}s` : `${m}m`;
  }
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return m ? `${h}h ${m}m` : `${h}h`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  return h ? `${d}d ${h}h` : `${d}d`;
}

/** Percentile rank 0–100 → "63rd". */
export function ordinal(rank: number | null | undefined): string {
  if (rank === null || rank === undefined) return '—';
  const n = Math.round(rank);
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** A rate change in percentage points: +4.2 pts / −3.0 pts. */
export function points(delta: number | null | undefined): string {
  if (delta === null || delta === undefined) return '—';
  const v = delta * 100;
  if (Math.abs(v) < 0.05) return '±0 pts';
  return `${v > 0 ? '+' : '−'}${Math.abs(v).toFixed(1)} pts`;
}

export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);
}

/** "3 min ago", "2 h ago", or the date for older times. */
export function ago(iso: string | null | undefined, now: Date = new Date(), timeZone?: string): string {
  if (!iso) return '—';
  const ms = now.getTime() - new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  if (ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3_600_000)} h ago`;
  return dateTime(iso, timeZone);
}

/** +14805550100 → (480) 555-0100; other numbers as given. */
export function phone(e164: string | null | undefined): string {
  if (!e164) return 'withheld';
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

/** snake_case / dotted codes → words: "existing_customer" → "existing customer". */
export function words(code: string | null | undefined): string {
  return code ? code.replace(/[._]/g, ' ') : '—';
}
