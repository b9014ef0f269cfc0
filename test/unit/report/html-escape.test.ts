// Escaping by default: values in the `html` template are escaped unless
// they are Html themselves; JSON and scripts cannot end their element.
import test from 'ava';
import { html, jsonInScript, scriptInScript, trusted } from '../../../sim/report/html/html-escape';

test('values are escaped, Html is kept, nothing is written for absent values', (t) => {
  const name = `<b title="x">Tom & 'Jerry'</b>`;
  t.is(html`<td>${name}</td>`.text, '<td>&lt;b title=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;</td>');
  t.is(html`<p>${html`<i>${'<'}</i>`}${trusted('<br>')}</p>`.text, '<p><i>&lt;</i><br></p>');
  t.is(html`${[1, '<', html`<hr>`]}${undefined}${null}${false}${0}`.text, '1&lt;<hr>0');
});

test('JSON inside a script element cannot end it', (t) => {
  const x = { label: '</script><!-- \u2028' };
  const out = jsonInScript(x).text;
  t.false(out.includes('<'));
  t.deepEqual(JSON.parse(out), x);
});

test('a script inlined cannot end its element early, and reads the same', (t) => {
  const js = 'var s = "</script>"; var r = /<!--/; var t = "</SCRIPT >";';
  const out = scriptInScript(js).text;
  t.notRegex(out, /<\/script|<!--/i);
  // eslint-disable-next-line no-new-func -- the escaped source must mean the same strings
  t.deepEqual(new Function(`${out}; return [s, r.source, t];`)(), ['</script>', '<\\!--', '</SCRIPT >']);
});
