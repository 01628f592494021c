/**
 * A chart with what assistive technology needs: a heading, a one-line summary as its accessible name,
 * and the same numbers as a table one click away.
 */
import type { ReactNode } from 'react';

/** Legend labels in body text colour: series colours are too light for text. */
export function legendText(value: string) {
  return <span className="legend-text">{value}</span>;
}

export interface ChartFrameProps {
  title: string;
  summary: string;
  columns: string[];
  rows: Array<Array<string | number>>;
  children: ReactNode;
}

export function ChartFrame({ title, summary, columns, rows, children }: ChartFrameProps) {
  const id = `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className="panel chart-panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <div className="chart" role="img" aria-label={summary}>
        {children}
      </div>
      <details className="chart-data">
        <summary>Show the numbers</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title} data`}>
          <table>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  {r.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={j}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
