/**
 * Headers of one request or response: the ones that matter first (absent ones shown as missing,
 * the culprit highlighted), the rest folded. Every name and value is a text node.
 */
import type { Header } from '../../core/model.js';
import { headerRows } from '../relevant.js';

interface Props {
  title: string;
  /** e.g. "OPTIONS http://…" or "204 No Content". */
  line: string;
  headers: readonly Header[];
  wanted: readonly string[];
  culprits: readonly string[];
  /** Shown instead of the table when nothing was captured. */
  emptyNote?: string;
  statusCulprit?: boolean;
}

export function HeaderTable({ title, line, headers, wanted, culprits, emptyNote, statusCulprit }: Props) {
  const rows = headerRows(headers, wanted, culprits);
  const important = rows.filter((r) => r.important);
  const rest = rows.filter((r) => !r.important);
  return (
    <div class="headers">
      <h4>{title}</h4>
      <p class={`start-line${statusCulprit ? ' culprit' : ''}`}>{line}</p>
      {emptyNote ? (
        <p class="muted">{emptyNote}</p>
      ) : (
        <>
          <table>
            <tbody>
              {important.map((r, i) => (
                <tr key={`i${i}`} class={`${r.culprit ? 'culprit' : 'important'}${r.value === null ? ' missing' : ''}`}>
                  <th scope="row">{r.name}</th>
                  <td>{r.value === null ? <em>missing</em> : r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rest.length > 0 ? (
            <details>
              <summary>{rest.length} other header{rest.length > 1 ? 's' : ''}</summary>
              <table>
                <tbody>
                  {rest.map((r, i) => (
                    <tr key={`r${i}`}>
                      <th scope="row">{r.name}</th>
                      <td>{r.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}
