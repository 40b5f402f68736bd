//! The one place a command is declared. `commands!` (used once, in `commands.rs`) turns each
//! line of the declaration into a `#[tauri::command]`, into the handler list `main.rs` installs,
//! and into a row of `ui/src/bindings/commands.ts`, the typed map `ui/src/api.ts` calls through.
//! A command renamed, or an argument renamed or retyped in Rust, then fails `tsc` in the UI
//! instead of failing only when a person (or an end-to-end test) presses the button.
//!
//! A line reads `<kind> fn name(arg: Type, ...) -> Answer = |bindings| body;`, where the answer
//! is the `Ok` type (every command answers `Result<Answer, Problem>`) and the kind says what the
//! body is given:
//! - `store`: the open store (`|s|`); the command answers "locked" when the records are closed.
//! - `session`: the app's state (`|state|`), for opening and closing the records.
//! - `dialog`: the app handle and the state (`|app, state|`), for commands that ask for a file;
//!   they run as async commands so the dialog does not block the window.
//!
//! Every command runs off the main thread: the store is one connection behind a mutex, so while
//! a long task holds it (a backup of a large file, the partnership dataset, a passphrase change
//! re-encrypting everything) a command on the main thread would wait for it and freeze the window.

macro_rules! commands {
    ($( $kind:ident fn $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $answer:ty = |$($bind:ident),+| $body:expr ; )*) => {
        $( commands!(@command $kind $name ($($arg : $ty),*) -> $answer = |$($bind),+| $body); )*

        /// Every declared command, for `tauri::Builder::invoke_handler`.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }

        /// Every declared command with the TypeScript types of its arguments and answer.
        #[cfg(test)]
        pub fn contract() -> Vec<crate::contract::Command> {
            vec![$(crate::contract::Command {
                name: stringify!($name),
                args: vec![$(crate::contract::Arg::of::<$ty>(stringify!($arg))),*],
                answer: crate::contract::TsType::of::<$answer>(),
            }),*]
        }
    };

    (@command store $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty = |$s:ident| $body:expr) => {
        #[tauri::command(async)]
        fn $name(state: tauri::State<crate::state::AppState>, $($arg: $ty),*) -> Result<$answer, ntk_core::error::Problem> {
            state.with_store(|$s| $body)
        }
    };
    (@command session $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty = |$state:ident| $body:expr) => {
        #[tauri::command(async)]
        fn $name(state: tauri::State<crate::state::AppState>, $($arg: $ty),*) -> Result<$answer, ntk_core::error::Problem> {
            let $state: &crate::state::AppState = &state;
            $body
        }
    };
    (@command dialog $name:ident ($($arg:ident : $ty:ty),*) -> $answer:ty = |$app:ident, $state:ident| $body:expr) => {
        #[tauri::command]
        async fn $name(
            app: tauri::AppHandle,
            state: tauri::State<'_, crate::state::AppState>,
            $($arg: $ty),*
        ) -> Result<$answer, ntk_core::error::Problem> {
            let $app: &tauri::AppHandle = &app;
            let $state: &crate::state::AppState = &state;
            $body
        }
    };
}

#[cfg(test)]
pub use generate::{Arg, Command, TsType};

#[cfg(test)]
mod generate {
    use std::collections::BTreeSet;
    use std::path::PathBuf;

    use ts_rs::{TypeVisitor, TS};

    /// A Rust type as the UI sees it, and the binding files it needs imported.
    pub struct TsType {
        name: String,
        imports: BTreeSet<String>,
    }

    impl TsType {
        pub fn of<T: TS + 'static>() -> Self {
            struct Imports(BTreeSet<String>);
            impl TypeVisitor for Imports {
                fn visit<U: TS + 'static + ?Sized>(&mut self) {
                    if U::output_path().is_some() {
                        self.0.insert(U::ident());
                    }
                }
            }
            let mut imports = Imports(BTreeSet::new());
            imports.visit::<T>();
            T::visit_generics(&mut imports);
            // ts-rs writes `i64` as `bigint`, but Tauri carries JSON, whose numbers reach the UI
            // as plain numbers (record ids stay far below 2^53).
            let name = match T::name().as_str() {
                "null" => "void".to_string(),
                name => name.replace("bigint", "number"),
            };
            TsType { name, imports: imports.0 }
        }
    }

    pub struct Arg {
        name: &'static str,
        ty: TsType,
    }

    impl Arg {
        pub fn of<T: TS + 'static>(name: &'static str) -> Self {
            Arg { name, ty: TsType::of::<T>() }
        }
    }

    pub struct Command {
        pub name: &'static str,
        pub args: Vec<Arg>,
        pub answer: TsType,
    }

    /// Tauri matches a command's arguments by their camelCase names.
    fn camel_case(snake: &str) -> String {
        let mut parts = snake.split('_');
        let first = parts.next().unwrap_or_default().to_string();
        parts.fold(first, |mut name, part| {
            let mut chars = part.chars();
            if let Some(c) = chars.next() {
                name.extend(c.to_uppercase());
                name.push_str(chars.as_str());
            }
            name
        })
    }

    pub fn typescript(commands: &[Command]) -> String {
        let imports: BTreeSet<&String> = commands
            .iter()
            .flat_map(|c| c.args.iter().map(|a| &a.ty).chain([&c.answer]))
            .flat_map(|t| &t.imports)
            .collect();
        let mut ts = String::from(
            "// Generated from the command declaration in src-tauri/src/commands.rs by `cargo test`: do not edit.\n\
             // Each command's arguments (as Tauri receives them, camelCase) and the answer it resolves to.\n",
        );
        for name in imports {
            ts.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
        }
        ts.push_str("\nexport type Commands = {\n");
        for command in commands {
            let args: Vec<String> =
                command.args.iter().map(|a| format!("{}: {}", camel_case(a.name), a.ty.name)).collect();
            let args = if args.is_empty() { "[]".to_string() } else { format!("[{{ {} }}]", args.join("; ")) };
            ts.push_str(&format!("  {}: {{ args: {args}; answer: {} }};\n", command.name, command.answer.name));
        }
        ts.push_str("};\n\nexport type CommandName = keyof Commands;\n");
        ts
    }

    #[test]
    fn the_ui_command_map_is_the_declaration() {
        let commands = crate::commands::contract();
        let mut names: Vec<&str> = commands.iter().map(|c| c.name).collect();
        names.sort();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "a command is declared twice");

        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings/commands.ts");
        let wanted = typescript(&commands);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != wanted {
            std::fs::write(&path, &wanted).expect("write ui/src/bindings/commands.ts");
            panic!(
                "ui/src/bindings/commands.ts was out of date with the command declaration and has been \
                 rewritten; check the UI still type-checks (cd ui && npx tsc --noEmit) and commit it"
            );
        }
    }

    #[test]
    fn argument_names_become_camel_case_as_tauri_expects() {
        assert_eq!(camel_case("file_passphrase"), "filePassphrase");
        assert_eq!(camel_case("id"), "id");
        assert_eq!(camel_case("assessment_id"), "assessmentId");
    }
}
