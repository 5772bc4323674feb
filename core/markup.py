"""A tiny, safe markup for staff-written pages: everything is escaped, then given structure."""

from django.utils.html import escape, urlize
from django.utils.safestring import mark_safe


def render_simple_markup(text):
    """Blank-line separated blocks: ``## title`` → ``<h2>``, ``- item`` lines → ``<ul>``,
    anything else → ``<p>`` with line breaks. URLs and e-mail addresses become links."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n")]
    html = []
    for block in filter(None, blocks):
        lines = block.split("\n")
        if block.startswith("## "):
            html.append(f"<h2>{escape(block[3:].strip())}</h2>")
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{linkify(line[2:].strip())}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{'<br>'.join(linkify(line) for line in lines)}</p>")
    return mark_safe("\n".join(html))


def linkify(line):
    return urlize(escape(line), nofollow=True, autoescape=False)
