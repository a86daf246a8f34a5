/**
 * A file the archive could not use as it was and set aside, rebuilt or restored: kept in
 * repairs.json and listed (UI Repairs view, `marginalia repairs`) until the user dismisses it.
 */
export interface Repair {
  id: string;
  /** when it was found (ISO) */
  at: string;
  /** the file, relative to the archive folder, e.g. docs/<id>/annotations.json */
  file: string;
  /** the document it belongs to, if any */
  docId?: string;
  /** what was wrong with it */
  problem: string;
  /** what the archive did about it, in a sentence */
  action: string;
  /** where the damaged file was moved (relative), if it was kept */
  setAsideAs?: string;
  /** the newest good copy that can be put back (relative), if there is one */
  backup?: string;
  /** when that copy was taken (ISO) */
  backupAt?: string;
}

/** A repair as the UI and the CLI see it: with the document's title. */
export interface RepairEntry extends Repair {
  docTitle?: string;
}
