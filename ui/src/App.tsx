import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import type { AppStatus } from "./bindings/AppStatus";
import { problemOf } from "./problem";
import { Home } from "./screens/Home";
import { Unlock } from "./screens/Unlock";
import { ErrorMessage } from "./components";

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [startError, setStartError] = useState<string | null>(null);

  const refresh = () =>
    api
      .appStatus()
      .then(setStatus)
      .catch((e) => setStartError(problemOf(e).message));

  useEffect(() => {
    refresh();
  }, []);

  if (startError) {
    return (
      <main class="centred">
        <h1>Neglect Toolkit could not start</h1>
        <ErrorMessage message={startError} />
      </main>
    );
  }
  if (!status) return <main class="centred" aria-busy="true"><p>Opening…</p></main>;
  if (!status.unlocked) {
    return <Unlock isNew={!status.database_exists} dataDir={status.data_dir} onUnlocked={refresh} />;
  }
  return (
    <Home
      onLock={async () => {
        await api.lock();
        refresh();
      }}
    />
  );
}
