import { api } from "../api";
import { ErrorMessage, Loading, PageTitle, useLoad } from "../components";

/** About: the version, the checklist content (version and hash), the data folder and the licences. */
export function About() {
  const about = useLoad(() => api.about(), []);
  const spelling = useLoad(() => api.spellingLanguages(), []);
  const a = about.data;
  return (
    <>
      <PageTitle>About Neglect Toolkit</PageTitle>
      <ErrorMessage message={about.error} />
      {!a && !about.error && <Loading what="the details" />}
      {a && (
        <>
          <dl class="fields" id="about-facts">
            <dt>Version</dt>
            <dd id="about-version">{a.app_version}</dd>
            <dt>Checklist content</dt>
            <dd id="about-content">
              {a.content_title}, version {a.content_version}
            </dd>
            <dt>Content hash (SHA-256)</dt>
            <dd id="about-hash" class="hash">
              {a.content_hash}
            </dd>
            <dt>Spelling</dt>
            <dd id="about-spelling">
              {spelling.error ??
                (spelling.data === null
                  ? "…"
                  : spelling.data.length > 0
                    ? `Checked in British English (${spelling.data.join(", ")}) in every evidence and written box.`
                    : "Not checked: the British English dictionary is not installed (on Debian or Ubuntu: hunspell-en-gb).")}
            </dd>
            <dt>Data folder</dt>
            <dd id="about-data-dir" class="hash">
              {a.data_dir}
            </dd>
          </dl>
          <p class="hint">The records stay on this computer, encrypted. The app sends nothing over the network.</p>
          <h2>Licences</h2>
          <ul class="plain-list licence-list" id="about-licences">
            {a.licences.map((l) => (
              <li key={l.covers}>
                <details>
                  <summary>
                    <strong>{l.covers}</strong>: {l.name}
                  </summary>
                  <pre class="licence-text">{l.text}</pre>
                </details>
              </li>
            ))}
          </ul>
          <p>
            <a href="#/help">Help</a>
          </p>
        </>
      )}
    </>
  );
}
