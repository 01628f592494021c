/** A tiny trend line (recovery rate over the period) for a table row. */
import { Line, LineChart, YAxis } from 'recharts';

export function Sparkline({ points, label }: { points: Array<{ x: string; y: number | null }>; label: string }) {
  if (points.filter((p) => p.y !== null).length < 2) return <span className="muted">not enough data</span>;
  return (
    <span role="img" aria-label={label} className="sparkline">
      <LineChart width={96} height={28} data={points} margin={{ top: 3, right: 2, bottom: 3, left: 2 }}>
        <YAxis hide domain={[0, 1]} />
        <Line
          type="monotone"
          dataKey="y"
          stroke="#1d4ed8"
          strokeWidth={1.8}
          dot={false}
          isAnimationActive={false}
          connectNulls
        />
      </LineChart>
    </span>
  );
}
