import { useState } from "preact/hooks";
import { api } from "../api";
import { ErrorMessage, Field } from "../components";
import { problemOf } from "../problem";

type Props = { isNew: boolean; dataDir: string; notice?: string | null; onUnlocked: () => void };

/** First start: choose a passphrase. Later starts: enter it. */
export function Unlock({ isNew, dataDir, notice, onUnlocked }: Props) {
  const [passphrase, setPassphrase] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    if (isNew && passphrase !== confirm) {
      setError("The two passphrases are not the same. Please type them again.");
      return;
    }
    setBusy(true);
    try {
      await (isNew ? api.createDatabase(passphrase) : api.unlock(passphrase));
      onUnlocked();
    } catch (err) {
      setError(problemOf(err).message);
      setPassphrase("");
      setConfirm("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="centred">
      <form class="card narrow" onSubmit={submit} aria-labelledby="unlock-title">
        <h1 id="unlock-title">{isNew ? "Set up Neglect Toolkit" : "Unlock Neglect Toolkit"}</h1>
        {isNew ? (
          <p>
            Records are kept encrypted on this computer. Choose a passphrase that is hard to guess: four or five
            uncommon words work well, and the app says how to strengthen one that is too easy. There is no way to recover
            it if it is lost, so keep it safe.
          </p>
        ) : (
          <p>Enter your passphrase to open the records.</p>
        )}
        {notice && <p class="notice">{notice}</p>}
        <ErrorMessage message={error} id="unlock-error" />
        <Field id="passphrase" label="Passphrase">
          {(describedBy) => (
            <input
              id="passphrase"
              type="password"
              autocomplete={isNew ? "new-password" : "current-password"}
              value={passphrase}
              onInput={(e) => setPassphrase(e.currentTarget.value)}
              aria-describedby={describedBy ?? (error ? "unlock-error" : undefined)}
              required
              autofocus
            />
          )}
        </Field>
        {isNew && (
          <Field id="passphrase-confirm" label="Type the passphrase again">
            {(describedBy) => (
              <input
                id="passphrase-confirm"
                type="password"
                autocomplete="new-password"
                value={confirm}
                onInput={(e) => setConfirm(e.currentTarget.value)}
                aria-describedby={describedBy}
                required
              />
            )}
          </Field>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {isNew ? "Create encrypted records" : "Unlock"}
        </button>
        <p class="hint">Records are kept in {dataDir}</p>
      </form>
    </main>
  );
}
