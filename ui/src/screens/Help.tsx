import { PageTitle } from "../components";
import { BANDS, GRADE_MEANINGS, RULES } from "../labels";

/** The help screen (F1 anywhere): the grade scale and the rules in the words the reports use
 * (src/wording.rs), the keyboard, backups and sharing with other agencies. */
export function Help() {
  return (
    <>
      <PageTitle>Help</PageTitle>
      <p class="hint">Press F1 on any screen to come back here.</p>
      <nav aria-label="On this page" class="help-contents">
        <ul class="plain-list">
          <li><a href="#/help" onClick={(e) => jump(e, "help-grades")}>The grade scale</a></li>
          <li><a href="#/help" onClick={(e) => jump(e, "help-rules")}>How scores, change, drift and sustained improvement are worked out</a></li>
          <li><a href="#/help" onClick={(e) => jump(e, "help-keys")}>The keyboard</a></li>
          <li><a href="#/help" onClick={(e) => jump(e, "help-backups")}>Backups</a></li>
          <li><a href="#/help" onClick={(e) => jump(e, "help-sharing")}>Sharing with other agencies</a></li>
        </ul>
      </nav>

      <section aria-labelledby="help-grades" class="help-section">
        <h2 id="help-grades" tabIndex={-1}>The grade scale</h2>
        <table class="list" aria-labelledby="help-grades" id="help-grade-table">
          <thead>
            <tr>
              <th scope="col">Grade</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {GRADE_MEANINGS.map((meaning, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                <td>{meaning}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Not known</th>
              <td>There is no evidence yet. Never a score.</td>
            </tr>
            <tr>
              <th scope="row">Not applicable</th>
              <td>The item does not apply to this child. Never a score.</td>
            </tr>
          </tbody>
        </table>
        <p>
          Bands:{" "}
          {BANDS.map((b, i) => {
            const next = BANDS[i + 1];
            const range = next ? `${i === 0 ? "below" : `${(b.from_tenths / 10).toFixed(1)} to below`} ${(next.from_tenths / 10).toFixed(1)}` : `${(b.from_tenths / 10).toFixed(1)} and above`;
            return (
              <span key={b.band}>
                {i > 0 && "; "}
                {range}: <strong>{b.label}</strong>
              </span>
            );
          })}
          .
        </p>
      </section>

      <section aria-labelledby="help-rules" class="help-section">
        <h2 id="help-rules" tabIndex={-1}>How scores, change, drift and sustained improvement are worked out</h2>
        <dl class="help-rules" id="help-rule-list">
          {RULES.map((r) => (
            <div key={r.title}>
              <dt>{r.title}</dt>
              <dd>{r.text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="help-keys" class="help-section">
        <h2 id="help-keys" tabIndex={-1}>The keyboard</h2>
        <dl class="help-rules">
          <div><dt>F1</dt><dd>Opens this help, from any screen.</dd></div>
          <div><dt>Tab, Shift+Tab</dt><dd>Move between links, buttons and fields.</dd></div>
          <div><dt>1 to 5</dt><dd>On a checklist item: grade it.</dd></div>
          <div><dt>N, A</dt><dd>On a checklist item: not known, not applicable.</dd></div>
          <div><dt>Up and Down (or K and J)</dt><dd>On a checklist item: the previous or next item.</dd></div>
          <div><dt>Alt+Left, Alt+Right</dt><dd>Back and forward between screens.</dd></div>
        </dl>
        <p>Every change on a checklist is saved at once; the screen says when ("Saved at 14:02").</p>
      </section>

      <section aria-labelledby="help-backups" class="help-section">
        <h2 id="help-backups" tabIndex={-1}>Backups</h2>
        <p>
          Settings, Back up now: writes an encrypted copy of all the records, under the same passphrase, to a place you
          choose (a council network drive or an encrypted USB stick), and checks it before replacing an earlier one. Restore
          puts a backup back; the records it replaces are kept, so a restore can be undone. There is no way to recover a
          lost passphrase.
        </p>
      </section>

      <section aria-labelledby="help-sharing" class="help-section">
        <h2 id="help-sharing" tabIndex={-1}>Sharing with other agencies</h2>
        <p>
          On a child's page, Export checklists writes one file with the child's finalised checklists (never drafts), which
          another agency using Neglect Toolkit imports in Settings. Give it a passphrase to encrypt it, and tell the other
          agency the passphrase separately, for example by phone. Copy summary as text puts the core-group summary's key
          parts on the clipboard for your case record. The family summary is printed only after each part is checked as safe
          to share.
        </p>
      </section>
    </>
  );
}

/** Moves to a section of the page and gives its heading the focus (links inside the hash router). */
function jump(e: Event, id: string) {
  e.preventDefault();
  const heading = document.getElementById(id);
  heading?.scrollIntoView();
  heading?.focus();
}
