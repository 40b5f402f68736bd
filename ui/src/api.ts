// Typed calls to the Rust backend. The types come from ts-rs (src/bindings), never written here.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "./bindings/AppStatus";
import type { Child } from "./bindings/Child";
import type { ChildForm } from "./bindings/ChildForm";
import type { Household } from "./bindings/Household";

export const api = {
  appStatus: () => invoke<AppStatus>("app_status"),
  createDatabase: (passphrase: string) => invoke<void>("create_database", { passphrase }),
  unlock: (passphrase: string) => invoke<void>("unlock", { passphrase }),
  lock: () => invoke<void>("lock"),
  listChildren: () => invoke<Child[]>("list_children"),
  listHouseholds: () => invoke<Household[]>("list_households"),
  addChild: (form: ChildForm) => invoke<Child>("add_child", { form }),
};
