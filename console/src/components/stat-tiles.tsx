/** A row of headline figures, each with an optional comparison line. */

export interface Tile {
  label: string;
  value: string;
  note?: string | undefined;
  /** 'up' or 'down' when the note is a change that is good or bad. */
  tone?: 'good' | 'bad' | undefined;
}

export function StatTiles({ tiles, label }: { tiles: Tile[]; label: string }) {
  return (
    <section aria-label={label}>
      <dl className="tiles">
        {tiles.map((t) => (
          <div className="tile" key={t.label}>
            <dt>{t.label}</dt>
            <dd className="tile-value">{t.value}</dd>
            {t.note ? <dd className={`tile-note ${t.tone ?? ''}`}>{t.note}</dd> : null}
          </div>
        ))}
      </dl>
    </section>
  );
}
