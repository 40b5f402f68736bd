import { useEffect, useState } from "preact/hooks";
import { api, whenLocked } from "./api";
import { watchIdle } from "./idle";
import { flushAll } from "./autosave";
import type { AppStatus } from "./bindings/AppStatus";
import { ErrorMessage } from "./components";
import { problemOf } from "./problem";
import { navigate, parseRoute, type Route } from "./route";
import { About } from "./screens/About";
import { ChildAudit } from "./screens/ChildAudit";
import { Timeline } from "./screens/Timeline";
import { Help } from "./screens/Help";
import { EditChild } from "./screens/AddChild";
import { Checklist } from "./screens/Checklist";
import { ComparePage } from "./screens/Compare";
import { DisagreementsPage } from "./screens/Disagreements";
import { HistoryPage } from "./screens/History";
import { ChildPage } from "./screens/Child";
import { Home } from "./screens/Home";
import { HouseholdPage } from "./screens/Household";
import { Settings } from "./screens/Settings";
import { StartChecklist } from "./screens/StartChecklist";
import { Unlock } from "./screens/Unlock";
import { MeetingPage } from "./oversight/Meeting";

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  // Shown on the unlock screen when the app locked itself for a reason (e.g. a failed restore).
  const [notice, setNotice] = useState<string | null>(null);
  const route = useRoute();

  const refresh = () =>
    api
      .appStatus()
      .then(setStatus)
      .catch((e) => setStartError(problemOf(e).message));

  useEffect(() => {
    whenLocked(refresh);
    refresh();
  }, []);

  // F1 opens help from any screen, as in other desktop programs.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "F1") return;
      e.preventDefault();
      navigate({ screen: "help" });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // While the records are open, watch for the backend's idle lock.
  const unlocked = status?.unlocked ?? false;
  useEffect(() => {
    if (!unlocked) return;
    return watchIdle(() => {
      setNotice("The records were locked after a time without use. Enter your passphrase to carry on.");
      refresh();
    });
  }, [unlocked]);

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
    return (
      <Unlock
        isNew={!status.database_exists}
        dataDir={status.data_dir}
        notice={notice}
        onUnlocked={() => {
          setNotice(null);
          refresh();
        }}
      />
    );
  }
  const lock = async () => {
    await flushAll(); // nothing typed is lost by locking
    await api.lock();
    refresh();
  };
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById("page-title")?.focus())}>
        Skip to main content
      </a>
      <header class="topbar">
        <a class="brand" href="#/">
          Neglect Toolkit
        </a>
        <nav aria-label="Main">
          <a href="#/" aria-current={route.screen === "home" ? "page" : undefined}>
            Children
          </a>
          <a href="#/settings" aria-current={route.screen === "settings" ? "page" : undefined}>
            Settings
          </a>
          <a href="#/help" aria-current={route.screen === "help" ? "page" : undefined} aria-keyshortcuts="F1">
            Help
          </a>
          <a href="#/about" aria-current={route.screen === "about" ? "page" : undefined}>
            About
          </a>
          <button type="button" onClick={lock}>
            Lock
          </button>
        </nav>
      </header>
      <main id="main" class="page">
        <Screen
          route={route}
          onLock={lock}
          onLockedWithNotice={(message) => {
            setNotice(message);
            refresh();
          }}
        />
      </main>
    </>
  );
}

type ScreenProps = { route: Route; onLock: () => void; onLockedWithNotice: (message: string) => void };

/** One screen per route; keyed so that each opens fresh (the checklist keeps its state across tabs). */
function Screen({ route, onLock, onLockedWithNotice }: ScreenProps) {
  switch (route.screen) {
    case "home":
      return <Home key="home" />;
    case "household":
      return <HouseholdPage key={`h${route.id}`} id={route.id} />;
    case "child":
      return <ChildPage key={`c${route.id}`} id={route.id} />;
    case "edit-child":
      return <EditChild key={`e${route.id}`} childId={route.id} />;
    case "start-checklist":
      return <StartChecklist key={`s${route.childId}`} childId={route.childId} />;
    case "history":
      return <HistoryPage key={`hi${route.childId}`} childId={route.childId} />;
    case "compare":
      return <ComparePage key={`cmp${route.childId}`} childId={route.childId} from={route.from} to={route.to} />;
    case "disagreements":
      return <DisagreementsPage key={`d${route.childId}`} childId={route.childId} />;
    case "checklist":
      return <Checklist key={`a${route.id}`} id={route.id} tab={route.tab} />;
    case "settings":
      return <Settings key="settings" onLock={onLock} onLockedWithNotice={onLockedWithNotice} />;
    case "audit":
      return <ChildAudit key={`au${route.childId}`} childId={route.childId} />;
    case "timeline":
      return <Timeline key={`tl${route.childId}`} childId={route.childId} />;
    case "help":
      return <Help key="help" />;
    case "about":
      return <About key="about" />;
    case "meeting":
      return <MeetingPage key={`mt${route.childId}`} childId={route.childId} />;
  }
}
