import { ImportControls } from './ImportControls';

/** The first thing a new archive shows: where documents come from. */
export function EmptyLibrary() {
  return (
    <section className="empty-library" aria-labelledby="empty-title">
      <div className="drop-target">
        <div className="drop-icon" aria-hidden="true">
          ⇣
        </div>
        <h2 id="empty-title">Your archive is empty</h2>
        <p>Drop documents — or whole folders — anywhere in this window, or choose them from disk.</p>
        <ImportControls size="large" />
        <p className="hint">PDF, Word (.docx), HTML, Markdown and plain text in UTF-8, UTF-16, GB18030 or Big5.</p>
      </div>
    </section>
  );
}
