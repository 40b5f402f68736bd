import { describe, expect, it } from "vitest";
import { parseRoute, routeHash, type Route } from "./route";

describe("routes", () => {
  it("round-trip through the hash", () => {
    const routes: Route[] = [
      { screen: "home" },
      { screen: "household", id: 4 },
      { screen: "child", id: 7 },
      { screen: "edit-child", id: 7 },
      { screen: "start-checklist", childId: 7 },
      { screen: "history", childId: 7 },
      { screen: "disagreements", childId: 7 },
      { screen: "compare", childId: 7, from: null, to: null },
      { screen: "compare", childId: 7, from: 3, to: 9 },
      { screen: "checklist", id: 12, tab: null },
      { screen: "checklist", id: 12, tab: "finalise" },
      { screen: "settings" },
      { screen: "timeline", childId: 7 },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });
  it("sends anything unknown or malformed home", () => {
    expect(parseRoute("")).toEqual({ screen: "home" });
    expect(parseRoute("#/child/abc")).toEqual({ screen: "home" });
    expect(parseRoute("#/child/-1")).toEqual({ screen: "home" });
    expect(parseRoute("#/nowhere")).toEqual({ screen: "home" });
    expect(parseRoute("#/child/7/compare/x/0")).toEqual({ screen: "compare", childId: 7, from: null, to: null });
  });
});
