import type { ColorMeaning } from './annotation';

/** Archive-wide settings, kept in library.json so they travel with the archive. */
export interface Settings {
  colors: ColorMeaning[];
}
