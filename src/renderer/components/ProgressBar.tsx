interface Props {
  label: string;
  value: number;
  max: number;
  /** e.g. "3 of 12 files" */
  valueText: string;
}

/** A native-semantics progress bar with a visible label and count. */
export function ProgressBar({ label, value, max, valueText }: Props) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={valueText}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
