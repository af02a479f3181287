import Hummingbird

/// The query explorer a browser gets from `GET /graphql`: one self-contained page (no external
/// scripts, styles or fonts) with query and variables panes, an optional bearer token, a run button
/// (also Ctrl/⌘+Enter), the result, and a schema browser built from introspection. Every value
/// from the server is inserted as text, never as HTML. `?query=` (and `variables=`) fill
/// the panes and run at once, and `?type=` opens a type, so a link can share either.
enum ExplorerPage {
    /// Sent with the page: nothing may load from elsewhere, requests go to this origin only.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; base-uri 'none'; form-action 'none'"

    /// The page's bytes with their tag, and gzipped (made once) for browsers, which all accept gzip.
    static let plain = TaggedBody(Array(html.utf8))
    static let gzipped = TaggedBody(Array(html.utf8).withUnsafeBytes { Gzip.compress($0, level: 12) })

    static let html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Folio · GraphQL explorer</title>
        <style>
          :root { --line: #d0d4da; --muted: #5b6470; --accent: #1f5fbf; font-family: system-ui, sans-serif; }
          body { margin: 0; display: grid; grid-template-rows: auto 1fr; height: 100vh; }
          header { display: flex; gap: .75rem; align-items: center; padding: .5rem 1rem; border-bottom: 1px solid var(--line); }
          header h1 { font-size: 1rem; margin: 0 auto 0 0; }
          main { display: grid; grid-template-columns: 1fr 1fr 20rem; min-height: 0; }
          section { display: flex; flex-direction: column; min-height: 0; border-right: 1px solid var(--line); }
          label { font-size: .75rem; color: var(--muted); padding: .4rem .75rem 0; }
          textarea, pre { font: 13px/1.45 ui-monospace, monospace; margin: 0; padding: .5rem .75rem; border: 0; resize: none; }
          textarea { flex: 1; outline: none; }
          #variables { flex: 0 0 8rem; border-top: 1px solid var(--line); }
          pre { flex: 1; overflow: auto; white-space: pre-wrap; }
          #status { font-size: .75rem; color: var(--muted); padding: .4rem .75rem; }
          button { background: var(--accent); color: white; border: 0; border-radius: 4px; padding: .35rem 1rem; cursor: pointer; }
          input { font: inherit; padding: .25rem .5rem; border: 1px solid var(--line); border-radius: 4px; }
          nav { overflow: auto; padding: .5rem .75rem; font-size: .85rem; }
          nav a { color: var(--accent); cursor: pointer; text-decoration: none; }
          nav ul { list-style: none; padding: 0; margin: .25rem 0; }
          nav li { margin: .2rem 0; }
          nav p { color: var(--muted); margin: .25rem 0; }
        </style>
        </head>
        <body>
        <header>
          <h1>Folio · GraphQL explorer</h1>
          <input id="token" type="password" placeholder="Bearer token (optional)" autocomplete="off" aria-label="Bearer token">
          <button id="run" title="Ctrl+Enter">Run</button>
        </header>
        <main>
          <section>
            <label for="query">Query</label>
            <textarea id="query" spellcheck="false">{
          articles(first: 3) {
            nodes { slug title publishedAt author { name } }
            pageInfo { hasNextPage endCursor }
          }
        }</textarea>
            <label for="variables">Variables (JSON)</label>
            <textarea id="variables" spellcheck="false">{}</textarea>
          </section>
          <section>
            <div id="status">Press Run or Ctrl+Enter.</div>
            <pre id="result" aria-live="polite"></pre>
          </section>
          <nav id="schema" aria-label="Schema"><p>Loading schema…</p></nav>
        </main>
        <script>
        "use strict";
        const $ = (id) => document.getElementById(id);
        const endpoint = location.pathname;
        let types = new Map();
        let queryTypeName = "Query";

        async function post(body) {
          const headers = { "Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json" };
          const token = $("token").value.trim();
          if (token) headers["Authorization"] = "Bearer " + token;
          const response = await fetch(endpoint, { method: "POST", headers, body: JSON.stringify(body) });
          return { status: response.status, text: await response.text() };
        }

        async function run() {
          let variables = {};
          const text = $("variables").value.trim();
          if (text) {
            try { variables = JSON.parse(text); }
            catch (error) { $("status").textContent = "Variables are not valid JSON: " + error.message; return; }
          }
          $("status").textContent = "Running…";
          const started = performance.now();
          try {
            const { status, text: body } = await post({ query: $("query").value, variables });
            let shown = body;
            try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch (_) {}
            $("result").textContent = shown;
            $("status").textContent = "HTTP " + status + " · " + Math.round(performance.now() - started) + " ms";
          } catch (error) {
            $("status").textContent = "Request failed: " + error.message;
          }
        }

        // The schema browser: types from introspection, each field with its arguments and type.
        const typeRef = "kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }";
        const schemaQuery = "{ __schema { queryType { name } types { kind name description " +
          "fields { name description isDeprecated deprecationReason args { name type { " + typeRef + " } } type { " + typeRef + " } } " +
          "inputFields { name description type { " + typeRef + " } } enumValues { name description } } } }";

        function named(ref) { while (ref.ofType) ref = ref.ofType; return ref.name; }
        function render(ref) {
          if (ref.kind === "NON_NULL") return render(ref.ofType) + "!";
          if (ref.kind === "LIST") return "[" + render(ref.ofType) + "]";
          return ref.name;
        }
        function link(ref) {
          const a = document.createElement("a");
          a.textContent = render(ref);
          a.addEventListener("click", () => showType(named(ref)));
          return a;
        }
        function add(parent, tag, text) {
          const element = document.createElement(tag);
          if (text) element.textContent = text;
          parent.appendChild(element);
          return element;
        }

        function showIndex() {
          const nav = $("schema");
          nav.replaceChildren();
          add(nav, "strong", "Types");
          const list = add(nav, "ul");
          const names = [...types.keys()].filter((name) => !name.startsWith("__")).sort();
          names.sort((a, b) => (b === queryTypeName) - (a === queryTypeName));
          for (const name of names) {
            const a = add(add(list, "li"), "a", name);
            a.dataset.type = name;
            a.addEventListener("click", () => showType(name));
          }
        }

        function showType(name) {
          const type = types.get(name);
          if (!type) return;
          const nav = $("schema");
          nav.replaceChildren();
          const back = add(nav, "a", "← All types");
          back.addEventListener("click", () => showIndex());
          add(nav, "h3", type.name + " (" + type.kind.toLowerCase().replace("_", " ") + ")");
          if (type.description) add(nav, "p", type.description);
          const list = add(nav, "ul");
          for (const field of type.fields || type.inputFields || []) {
            const item = add(list, "li");
            add(item, "span", field.name);
            if (field.args && field.args.length) {
              add(item, "span", "(");
              field.args.forEach((arg, index) => {
                add(item, "span", (index ? ", " : "") + arg.name + ": ");
                item.appendChild(link(arg.type));
              });
              add(item, "span", ")");
            }
            add(item, "span", ": ");
            item.appendChild(link(field.type));
            if (field.isDeprecated) add(item, "p", "Deprecated: " + (field.deprecationReason || ""));
            if (field.description) add(item, "p", field.description);
          }
          for (const value of type.enumValues || []) add(list, "li", value.name);
        }

        async function loadSchema() {
          try {
            const { text } = await post({ query: schemaQuery });
            const schema = JSON.parse(text).data.__schema;
            types = new Map(schema.types.map((type) => [type.name, type]));
            queryTypeName = schema.queryType.name;
            showIndex();
            if (shared.has("type")) showType(shared.get("type"));
          } catch (error) {
            $("schema").textContent = "Could not load the schema: " + error.message;
          }
        }

        $("run").addEventListener("click", run);
        document.addEventListener("keydown", (event) => {
          if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
        });
        const shared = new URLSearchParams(location.search);
        if (shared.has("variables")) $("variables").value = shared.get("variables");
        loadSchema();
        if (shared.has("query")) { $("query").value = shared.get("query"); run(); }
        </script>
        </body>
        </html>
        """
}
