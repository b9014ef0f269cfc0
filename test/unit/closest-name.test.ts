// "Did you mean": slips of the keyboard are recognised, other words are not.
import test from 'ava';
import { closestName, editDistance } from '../../sim/model/closest-name';

test('the distance counts letters changed, added, dropped and adjacent ones swapped as one each', (t) => {
  t.deepEqual([editDistance('ports', 'ports'), editDistance('portz', 'ports'), editDistance('prots', 'ports'), editDistance('port', 'ports'), editDistance('', 'abc')], [0, 1, 1, 1, 3]);
});

const guesses = test.macro({
  exec(t, word: string, candidates: readonly string[], expected: string | undefined) {
    t.is(closestName(word, candidates), expected);
  },
  title: (given = '', word: string, _c: readonly string[], expected: string | undefined) => `${given}: ${word} -> ${expected ?? 'nothing'}`,
});

test('a letter changed', guesses, 'portz', ['name', 'ports', 'lan'], 'ports');
test('case, dashes and underscores do not count', guesses, 'tunnel_mtu', ['tunnelMtu', 'dhcpMtu'], 'tunnelMtu');
test('a short word allows one slip', guesses, 'lna', ['lan', 'via'], 'lan');
test('an unrelated word is not guessed', guesses, 'colour', ['name', 'ipv6', 'ports', 'clients'], undefined);
test('the earlier of two equally close candidates', guesses, 'ipv5', ['ipv4', 'ipv6'], 'ipv4');
