// Screens are addressed by the URL hash ("#/child/3"), so Back and Forward (Alt+Left/Right) work
// and a screen can be reached directly in tests.

export type ChecklistTab = string; // an area id, or one of the fixed tabs below
export const FIXED_TABS = ["about", "actions", "finalise"] as const;

export type Route =
  | { screen: "home" }
  | { screen: "household"; id: number }
  | { screen: "child"; id: number }
  | { screen: "edit-child"; id: number }
  | { screen: "start-checklist"; childId: number }
  | { screen: "history"; childId: number }
  | { screen: "compare"; childId: number; from: number | null; to: number | null }
  | { screen: "disagreements"; childId: number }
  | { screen: "checklist"; id: number; tab: ChecklistTab | null }
  | { screen: "settings" }
  | { screen: "audit"; childId: number }
  | { screen: "timeline"; childId: number }
  | { screen: "help" }
  | { screen: "about" }
  | { screen: "meeting"; childId: number };

function idOrNull(part: string | undefined): number | null {
  const n = Number(part);
  return part !== undefined && Number.isInteger(n) && n > 0 ? n : null;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter(Boolean).map(decodeURIComponent);
  const id = Number(parts[1]);
  const validId = Number.isInteger(id) && id > 0;
  switch (parts[0]) {
    case "household":
      if (validId) return { screen: "household", id };
      break;
    case "child":
      if (validId && parts[2] === "edit") return { screen: "edit-child", id };
      if (validId && parts[2] === "start") return { screen: "start-checklist", childId: id };
      if (validId && parts[2] === "history") return { screen: "history", childId: id };
      if (validId && parts[2] === "disagreements") return { screen: "disagreements", childId: id };
      if (validId && parts[2] === "audit") return { screen: "audit", childId: id };
      if (validId && parts[2] === "timeline") return { screen: "timeline", childId: id };
      if (validId && parts[2] === "meeting") return { screen: "meeting", childId: id };
      if (validId && parts[2] === "compare") return { screen: "compare", childId: id, from: idOrNull(parts[3]), to: idOrNull(parts[4]) };
      if (validId) return { screen: "child", id };
      break;
    case "checklist":
      if (validId) return { screen: "checklist", id, tab: parts[2] ?? null };
      break;
    case "settings":
      return { screen: "settings" };
    case "help":
      return { screen: "help" };
    case "about":
      return { screen: "about" };
  }
  return { screen: "home" };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case "home":
      return "#/";
    case "household":
      return `#/household/${route.id}`;
    case "child":
      return `#/child/${route.id}`;
    case "edit-child":
      return `#/child/${route.id}/edit`;
    case "start-checklist":
      return `#/child/${route.childId}/start`;
    case "history":
      return `#/child/${route.childId}/history`;
    case "disagreements":
      return `#/child/${route.childId}/disagreements`;
    case "compare":
      return route.from && route.to
        ? `#/child/${route.childId}/compare/${route.from}/${route.to}`
        : `#/child/${route.childId}/compare`;
    case "checklist":
      return route.tab ? `#/checklist/${route.id}/${encodeURIComponent(route.tab)}` : `#/checklist/${route.id}`;
    case "settings":
      return "#/settings";
    case "audit":
      return `#/child/${route.childId}/audit`;
    case "timeline":
      return `#/child/${route.childId}/timeline`;
    case "help":
      return "#/help";
    case "about":
      return "#/about";
    case "meeting":
      return `#/child/${route.childId}/meeting`;
  }
}

export function navigate(route: Route) {
  window.location.hash = routeHash(route);
}
