// A small, safe Markdown subset for text panels: headings, paragraphs, lists, **bold**, *italic*, `code`, [links](url).
// Everything is built as DOM nodes (never innerHTML), so dashboard text cannot inject script.

function inline(text: string): Node[] {
  const out: Node[] = [];
  const re = /(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`|\[[^\]]+\]\([^)\s]+\))/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index! > last) out.push(document.createTextNode(text.slice(last, m.index)));
    const t = m[0];
    let el: HTMLElement;
    if (t.startsWith("**")) (el = document.createElement("strong")).textContent = t.slice(2, -2);
    else if (t.startsWith("`")) (el = document.createElement("code")).textContent = t.slice(1, -1);
    else if (t.startsWith("[")) {
      const lm = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(t)!;
      const a = document.createElement("a");
      a.textContent = lm[1];
      if (/^(https?:|\/|#)/.test(lm[2])) a.href = lm[2];
      el = a;
    } else (el = document.createElement("em")).textContent = t.slice(1, -1);
    out.push(el);
    last = m.index! + t.length;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

export function renderMarkdown(source: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  let list: HTMLElement | null = null;
  let para: string[] = [];
  const flush = () => {
    if (para.length > 0) {
      const p = document.createElement("p");
      p.append(...inline(para.join(" ")));
      frag.append(p);
      para = [];
    }
  };
  for (const raw of source.split("\n")) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      list = null;
      const el = document.createElement(`h${Math.min(6, heading[1].length + 2)}`);
      el.append(...inline(heading[2]));
      frag.append(el);
    } else if (item) {
      flush();
      if (!list) frag.append(list = document.createElement("ul"));
      const li = document.createElement("li");
      li.append(...inline(item[1]));
      list.append(li);
    } else if (line.trim() === "") {
      flush();
      list = null;
    } else {
      list = null;
      para.push(line.trim());
    }
  }
  flush();
  return frag;
}
