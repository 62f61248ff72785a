const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML the way the engine's `encoder: html` does, so a fallback built here and a
 * highlight built there can be rendered by the same unescaped template slot.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Removes the `<mark>` tags the highlighter adds (the rest of the HTML stays escaped). */
export function stripMarks(html: string): string {
  return html.replace(/<\/?mark>/g, '');
}

/** Decodes the entities the engine's html encoder and escapeHtml produce (for comparing texts). */
export function unescapeHtml(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|#x27|#x2F|#47);/g, (_m, name: string) => {
    switch (name) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case '#x2F':
      case '#47':
        return '/';
      default:
        return "'";
    }
  });
}
