// The PromQL editor: CodeMirror 6 with @prometheus-io/codemirror-promql (highlighting, linting, completion of metric names,
// label names and values and functions from Argus's own /api/v1 endpoints).

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, completionStatus } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, insertNewlineAndIndent } from "@codemirror/commands";
import { bracketMatching, HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { lintKeymap } from "@codemirror/lint";
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, highlightSpecialChars, keymap, placeholder } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { PromQLExtension } from "@prometheus-io/codemirror-promql";

const promqlHighlight = HighlightStyle.define([
  { tag: tags.number, color: "var(--hl-number)" },
  { tag: tags.string, color: "var(--hl-string)" },
  { tag: tags.keyword, color: "var(--hl-keyword)", fontWeight: "bold" },
  { tag: tags.function(tags.variableName), color: "var(--hl-function)" },
  { tag: tags.labelName, color: "var(--hl-label)" },
  { tag: tags.operator, color: "var(--hl-operator)" },
  { tag: tags.modifier, color: "var(--hl-keyword)", fontWeight: "bold" },
  { tag: tags.paren, color: "var(--hl-paren)" },
  { tag: tags.squareBracket, color: "var(--hl-paren)" },
  { tag: tags.brace, color: "var(--hl-paren)" },
  { tag: tags.invalid, color: "var(--danger)" },
  { tag: tags.comment, color: "var(--muted)", fontStyle: "italic" },
]);

export interface PromqlEditor {
  readonly view: EditorView;
  getValue(): string;
  setValue(text: string): void;
  focus(): void;
  destroy(): void;
}

/** An editor in parent; Enter runs onExecute (Shift+Enter inserts a newline; Enter accepts an open completion). */
export function createPromqlEditor(parent: HTMLElement, initial: string, onExecute: () => void): PromqlEditor {
  const promql = new PromQLExtension().setComplete({
    remote: {
      url: location.origin,
      httpMethod: "GET",
      // The last 12 hours of series feed label name and value completion, as Prometheus's UI does.
      lookbackInterval: 12 * 60 * 60 * 1000,
      fetchFn: (input, init) => fetch(input, { ...init, credentials: "same-origin" }),
      cache: { initialMetricList: undefined },
    },
    maxMetricsMetadata: 10_000,
  });
  const run = Prec.highest(keymap.of([
    {
      key: "Enter",
      run: view => {
        if (completionStatus(view.state) === "active") return false;
        onExecute();
        return true;
      },
    },
    { key: "Shift-Enter", run: insertNewlineAndIndent },
  ]));
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: initial,
      extensions: [
        run,
        highlightSpecialChars(),
        history(),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ activateOnTyping: true }),
        syntaxHighlighting(promqlHighlight),
        placeholder("Expression (press Enter to run, Shift+Enter for a new line)"),
        EditorView.lineWrapping,
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
        promql.asExtension(),
        EditorView.contentAttributes.of({ "aria-label": "PromQL expression", "data-testid": "promql-input" }),
      ],
    }),
  });
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: text => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    destroy: () => {
      view.destroy();
      promql.destroy();
    },
  };
}
