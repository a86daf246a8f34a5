import { DEFAULT_LABELS, type Label } from '../../../shared/model';
import { i18n } from '../../i18n';

const FALLBACK_COLOR = '#4b5563';

export const labelColor = (labels: readonly Label[], id: string | undefined): string => labels.find((l) => l.id === id)?.color ?? FALLBACK_COLOR;

/** A label's name; a default label the user kept shows in the interface language ("Person", "人物"). */
export function displayName(label: Label): string {
  const byDefault = DEFAULT_LABELS.find((l) => l.id === label.id);
  return byDefault && byDefault.name === label.name ? i18n.t(`labelNames.${label.id}`) : label.name;
}

export const labelName = (labels: readonly Label[], id: string | undefined): string => {
  const label = labels.find((l) => l.id === id);
  return label ? displayName(label) : (id ?? '');
};

/** The label a digit key picks: 1..9 are the first nine labels of the set, in order. */
export function labelForKey(labels: readonly Label[], key: string): Label | null {
  if (!/^[1-9]$/.test(key)) return null;
  return labels[Number(key) - 1] ?? null;
}

/** "ORG: Guangzhou Institutes of Biomedi…": an entity as a short chip text. */
export function entityChipText(label: string, name: string, max = 32): string {
  return `${label}: ${name.length > max ? `${name.slice(0, max - 1)}…` : name}`;
}
