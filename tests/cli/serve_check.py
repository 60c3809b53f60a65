"""The workshop page (caseload serve) driven as a person would, in headless Chromium over the
DevTools protocol (--remote-debugging-pipe: JSON messages on fds 3 and 4, no other package), and
the server's limits checked over plain HTTP. Called by serve_page.sh:

    serve_check.py CASELOAD SOURCE_DIR TMP CHROMIUM

Exit 0 when every check passed; each failure is one line "FAIL: ..." on stderr."""
import base64
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser

CASELOAD, SRC, TMP, CHROME = sys.argv[1:5]
REPS, SEED = 20, 7
FAILS = []


def bad(msg):
    FAILS.append(msg)
    print('FAIL: ' + msg, file=sys.stderr)


# ---- the server ----------------------------------------------------------------------------

def start_server(scen, tmpdir, *extra):
    env = dict(os.environ, TMPDIR=tmpdir)
    log = os.path.join(TMP, 'serve.log')  # a file, not a pipe nobody drains
    with open(log, 'w') as err:
        p = subprocess.Popen([CASELOAD, 'serve', '--port', '0', '--scenarios', scen, '--threads',
                              '2', '--max-reps', '200'] + list(extra), stderr=err, env=env)
    m, line, deadline = None, '', time.time() + 20
    while not m and time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
        with open(log) as f:
            line = f.readline()
        m = re.search(r'http://127\.0\.0\.1:(\d+)/', line)
    if not m:
        bad('serve did not say where to open the page: %r' % line)
        p.kill()
        sys.exit(1)
    return p, int(m.group(1))


def request(port, method, path, body=None, host=None, timeout=120):
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=timeout)
    headers = {'Host': host or '127.0.0.1:%d' % port}
    if body is not None:
        headers['Content-Type'] = 'text/plain; charset=utf-8'
    if isinstance(body, str):
        body = body.encode('utf-8')
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, dict(r.getheaders()), data


def reply(port, method, path, body=None, **kw):
    status, _, data = request(port, method, path, body, **kw)
    try:
        return status, json.loads(data)
    except ValueError:
        return status, {'raw': data[:200]}


# ---- the browser ---------------------------------------------------------------------------

class Browser:
    """Chromium with its DevTools protocol on a pipe: it reads commands on fd 3 and writes
    replies and events on fd 4, each message a JSON text ended by a NUL byte."""

    def __init__(self, profile, log):
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()

        def fds():
            os.dup2(to_r, 3)
            os.dup2(from_w, 4)

        self.proc = subprocess.Popen(
            [CHROME, '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
             '--no-first-run', '--disable-background-networking', '--disable-component-update',
             '--disable-sync', '--remote-debugging-pipe', '--user-data-dir=' + profile,
             '--window-size=1100,1400', 'about:blank'],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=log)
        os.close(to_r)
        os.close(from_w)
        self.buf, self.seq, self.events, self.session = b'', 0, [], None

    def _recv(self, deadline):
        while b'\0' not in self.buf:
            left = deadline - time.time()
            if left <= 0 or not select.select([self.from_r], [], [], left)[0]:
                raise TimeoutError('no answer from chromium')
            chunk = os.read(self.from_r, 1 << 16)
            if not chunk:
                raise EOFError('chromium closed its pipe')
            self.buf += chunk
        msg, _, self.buf = self.buf.partition(b'\0')
        return json.loads(msg)

    def send(self, method, params=None, timeout=120, session=True):
        self.seq += 1
        msg = {'id': self.seq, 'method': method, 'params': params or {}}
        if session and self.session:
            msg['sessionId'] = self.session
        os.write(self.to_w, json.dumps(msg).encode() + b'\0')
        deadline = time.time() + timeout
        while True:
            m = self._recv(deadline)
            if m.get('id') == self.seq:
                if 'error' in m:
                    raise RuntimeError('%s: %s' % (method, m['error']))
                return m['result']
            self.events.append(m)

    def open(self, url):
        target = self.send('Target.createTarget', {'url': 'about:blank'}, session=False)
        self.session = self.send('Target.attachToTarget',
                                 {'targetId': target['targetId'], 'flatten': True},
                                 session=False)['sessionId']
        self.send('Runtime.enable')
        self.send('Page.enable')
        self.send('Page.navigate', {'url': url})

    def eval(self, expr, timeout=120):
        r = self.send('Runtime.evaluate', {'expression': expr, 'awaitPromise': True,
                                           'returnByValue': True}, timeout=timeout)
        if 'exceptionDetails' in r:
            raise RuntimeError('page script failed: %s' % json.dumps(r['exceptionDetails'])[:400])
        return r['result'].get('value')

    def wait(self, expr, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.eval(expr):
                return True
            time.sleep(0.1)
        return False

    def problems(self):
        """Console errors and uncaught exceptions seen so far."""
        out = []
        for e in self.events:
            if e.get('method') == 'Runtime.exceptionThrown':
                out.append('exception: ' + json.dumps(e['params'])[:300])
            elif e.get('method') == 'Runtime.consoleAPICalled' and \
                    e['params'].get('type') in ('error', 'warning'):
                out.append('console: ' + json.dumps(e['params'].get('args'))[:300])
        return out

    def close(self):
        try:
            self.send('Browser.close', session=False, timeout=10)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


# Editing a lever of the baseline writes only the keys that change, under the lever's own name.
EDIT = r"""
(function () {
  var b = document.getElementById('baseline');
  b.value = 'combined-2011.ini';
  b.dispatchEvent(new Event('change'));
  var edit = Array.prototype.filter.call(document.querySelectorAll('#baseline-info button'),
    function (x) { return x.parentNode.textContent.indexOf('centre-cut') >= 0; })[0];
  edit.click();
  var f = document.querySelector('#levers [data-key="fraction"]');
  var was = f.value;
  f.value = '30%';
  f.dispatchEvent(new Event('input', {bubbles: true}));
  return check().then(function (r) {
    return {ok: r.ok, was: was, text: build(),
            levers: document.querySelectorAll('#levers fieldset.lever').length};
  });
})()
"""

# A setting outside the levers: the baseline's value shown, a bad value reported beside it, a
# good one written under its section; then put back.
SETTING = r"""
(function () {
  document.getElementById('add-setting').value = 'social_work.caseload_cap';
  document.getElementById('add-setting-button').click();
  var row = document.querySelector('#setting-rows .row'), input = row.querySelector('input');
  var shown = input.placeholder, err = row.nextElementSibling;
  input.value = 'lots';
  input.dispatchEvent(new Event('input', {bubbles: true}));
  return check().then(function (bad) {
    var beside = err.textContent;
    input.value = '19';
    input.dispatchEvent(new Event('input', {bubbles: true}));
    return check().then(function (good) {
      var text = build();
      err.nextElementSibling.click();
      return {shown: shown, bad: bad.ok, beside: beside, good: good.ok, text: text,
              left: document.querySelectorAll('#setting-rows .row').length, after: build()};
    });
  });
})()
"""

# What a person does on the page: the baseline, a 27% cut to the children's centre, a name.
FILL = r"""
(function () {
  function $(id) { return document.getElementById(id); }
  function type(input, v) { input.value = v; input.dispatchEvent(new Event('input', {bubbles: true})); }
  var b = $('baseline');
  b.value = 'isle-of-wight-2011.ini';
  b.dispatchEvent(new Event('change'));
  type($('scn-name'), 'Centre cut of 27% (workshop)');
  type($('scn-label'), 'Workshop cut');
  type($('file-name'), 'workshop-cut');
  type($('reps'), '%d');
  type($('seed'), '%d');
  $('add-type').value = 'budget_cut';
  $('add-lever').click();
  var box = document.querySelector('#levers fieldset.lever:last-child');
  type(box.querySelector('input'), 'centre-cut');
  var set = {date: '2011-04-01', target: 'early_help', fraction: '27 percent',
             closure_share: '75%', fte_share: '15%', management_share: '10%'};
  for (var k in set) {
    var i = box.querySelector('[data-key="' + k + '"]');
    i.value = set[k];
    i.dispatchEvent(new Event('change', {bubbles: true}));
  }
  return document.querySelectorAll('#levers fieldset.lever').length;
})()
"""

# The message shown beside the fraction field after the server's check.
FIELD_ERROR = r"""
check().then(function (r) {
  var f = document.querySelector('#levers [data-key="fraction"]');
  var err = f.parentNode.nextElementSibling;
  return {ok: r.ok, line: r.line, error: r.error || '', beside: err.textContent,
          marked: f.classList.contains('bad')};
})
"""

FIX = r"""
(function () {
  var f = document.querySelector('#levers [data-key="fraction"]');
  f.value = '27%';
  f.dispatchEvent(new Event('input', {bubbles: true}));
  return check().then(function (r) { return r.ok; });
})()
"""

CHARTS = r"""
(function () {
  var out = [], svgs = document.querySelectorAll('#answer svg.chart');
  svgs.forEach(function (s) {
    var r = s.getBoundingClientRect(), b = s.getBBox();
    var marks = s.querySelectorAll('path,line,polyline,polygon,rect,text').length;
    if (!(r.width > 500 && r.height > 300)) out.push(s.id + ' laid out ' + r.width + 'x' + r.height);
    if (!(b.width > 0.5 && b.height > 0.5)) out.push(s.id + ' has nothing drawn');
    if (marks < 30) out.push(s.id + ' has only ' + marks + ' marks');
  });
  var foreign = performance.getEntriesByType('resource').filter(function (e) {
    return e.name.indexOf(location.origin + '/') !== 0; }).map(function (e) { return e.name; });
  return {charts: svgs.length, problems: out, foreign: foreign,
          findings: Array.prototype.map.call(document.querySelectorAll('#answer #findings + ul li'),
                                             function (li) { return li.textContent; }),
          status: document.getElementById('status').textContent};
})()
"""

DOWNLOAD = r"""
fetch('/api/download?name=workshop-cut', {method: 'POST', body: build()}).then(function (r) {
  return r.text().then(function (t) {
    return {status: r.status, disposition: r.headers.get('Content-Disposition'), text: t,
            shown: document.getElementById('text').textContent};
  });
})
"""


class Findings(HTMLParser):
    """The items of the list after <h2 id="findings"> in report.html, as text."""

    def __init__(self):
        super().__init__()
        self.state, self.items = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == 'h2' and ('id', 'findings') in attrs:
            self.state = 1
        elif tag == 'li' and self.state == 1:
            self.items.append('')
            self.state = 2

    def handle_endtag(self, tag):
        if tag == 'li' and self.state == 2:
            self.state = 1
        elif tag == 'ul' and self.state == 1 and self.items:
            self.state = 3

    def handle_data(self, data):
        if self.state == 2:
            self.items[-1] += data


def drive_page(port, scen):
    """Pick, edit, check, run and download on the page; returns the downloaded text."""
    log = open(os.path.join(TMP, 'chromium.log'), 'w')
    b = Browser(os.path.join(TMP, 'profile'), log)
    try:
        b.open('http://127.0.0.1:%d/' % port)
        if not b.wait("document.body && document.body.dataset.ready === 'yes'"):
            bad('the page did not load its scenarios and levers')
            return None
        e = b.eval(EDIT)
        if not e['ok'] or e['was'] != '27%' or e['levers'] != 1 or \
                '[event "centre-cut"]\nfraction = 30%\n' not in e['text'] or 'type =' in e['text']:
            bad('editing the baseline\'s centre-cut lever: %r' % e)
        e = b.eval(SETTING)
        if e['shown'] != 'baseline: 18' or e['bad'] or \
                not re.search(r'/workshop\.ini:\d+: .*caseload_cap', e['beside']) or \
                not e['good'] or '[social_work]\ncaseload_cap = 19\n' not in e['text'] or \
                e['left'] != 0 or 'social_work' in e['after']:
            bad('a setting outside the levers: %r' % e)
        if b.eval(FILL.replace('%d', str(REPS), 1).replace('%d', str(SEED), 1)) != 1:
            bad('adding a lever did not make one')
        e = b.eval(FIELD_ERROR)
        want = re.compile(r'/workshop-cut\.ini:\d+: .*fraction')
        if e['ok'] or not want.search(e['beside']) or not e['marked']:
            bad('a bad share is not reported beside its field with FILE:LINE: %r' % e)
        if not b.eval(FIX):
            bad('27%% is refused: %s' % b.eval("document.getElementById('status').textContent"))
        t0 = time.time()
        r = b.eval('run().then(function (r) { return r && r.ok; })', timeout=180)
        took = time.time() - t0
        got = b.eval(CHARTS)
        if not r:
            bad('the run failed: %s' % got['status'])
            return None
        print('serve_page: %d replications x 2 scenarios answered on the page in %.1f s'
              % (REPS, took))
        if got['charts'] != 7 or got['problems']:
            bad('charts: %d rendered, %s' % (got['charts'], got['problems']))
        if got['foreign']:
            bad('the page fetched from elsewhere: %s' % got['foreign'])
        if len(got['findings']) != 7:
            bad('%d findings on the page, want 7' % len(got['findings']))
        shot = b.send('Page.captureScreenshot', {'format': 'png', 'captureBeyondViewport': True})
        png = base64.b64decode(shot['data'])
        with open(os.path.join(TMP, 'page.png'), 'wb') as f:
            f.write(png)
        if len(png) < 50000:
            bad('the page after the run looks blank (%d bytes of PNG)' % len(png))
        d = b.eval(DOWNLOAD)
        if d['status'] != 200 or 'workshop-cut.ini' not in (d['disposition'] or '') or \
                d['text'] != d['shown']:
            bad('download: %r' % {k: d[k] for k in ('status', 'disposition')})
        for p in b.problems():
            bad(p)
        return got['findings'], d['text']
    finally:
        b.close()
        log.close()


def compare_cli(scen, text, page_findings, server_report):
    """The downloaded file validates, and `caseload compare` of the same files and seed gives
    the same findings (and the same report.html, byte for byte)."""
    path = os.path.join(scen, 'workshop-cut.ini')
    with open(path, 'w') as f:
        f.write(text)
    v = subprocess.run([CASELOAD, 'validate', path], capture_output=True, text=True)
    if v.returncode != 0:
        bad('the downloaded scenario does not validate: %s' % v.stderr.strip())
    if 'event.centre-cut.fraction' not in v.stdout or '27%' not in v.stdout:
        bad('the downloaded scenario lacks the 27% cut')
    out = os.path.join(TMP, 'cmp')
    c = subprocess.run([CASELOAD, 'compare', os.path.join(scen, 'isle-of-wight-2011.ini'), path,
                        '--reps', str(REPS), '--seed', str(SEED), '--threads', '1', '--quiet',
                        '--no-xlsx', '--out', out], capture_output=True, text=True)
    if c.returncode != 0:
        bad('caseload compare: %s' % c.stderr.strip())
        return
    with open(os.path.join(out, 'report.html'), encoding='utf-8') as f:
        report = f.read()
    p = Findings()
    p.feed(report)
    if p.items != page_findings:
        bad('the page\'s findings differ from caseload compare\'s:\n  page: %s\n  cli:  %s'
            % (page_findings[:2], p.items[:2]))
    if report.encode() != server_report:
        bad('the page\'s full report differs from caseload compare\'s report.html')


# ---- bad requests change nothing -----------------------------------------------------------

def bad_requests(port, scen):
    _, _, before = request(port, 'GET', '/report.html')
    q = '/api/check?name=bad'
    cases = [
        ('malformed text', 'POST', q, '[scenario\nname = x\n', 400, r'/bad\.ini:1: '),
        ('unknown key', 'POST', q, '[scenario]\nbase = isle-of-wight-2011.ini\n[demand]\n'
         'childrn = 5\n', 400, r'/bad\.ini:4: .*childrn.*children'),
        ('a value out of range', 'POST', q, '[demand]\nchildren = -5\n', 400, r'/bad\.ini:2: '),
        ('huge body', 'POST', q, 'x' * (200 * 1024), 413, r'larger than 64 KiB'),
        ('base with ..', 'POST', q, '[scenario]\nbase = ../secret.ini\n', 400,
         r'/bad\.ini:2: .*scenarios folder'),
        ('base through a link', 'POST', q, '[scenario]\nbase = link.ini\n', 400,
         r'/bad\.ini:2: .*outside the scenarios folder'),
        ('absolute base', 'POST', q, '[scenario]\nbase = /etc/passwd\n', 400, r'scenarios folder'),
        ('baseline ..', 'POST', '/api/run?name=w&baseline=../secret.ini&reps=5&seed=1',
         '[scenario]\n', 400, r'baseline must be one of'),
        ('baseline link', 'POST', '/api/run?name=w&baseline=link.ini&reps=5&seed=1',
         '[scenario]\n', 400, r'link'),
        ('bad file name', 'POST', '/api/check?name=../x', '[scenario]\n', 400, r'file name'),
        ('too many replications', 'POST',
         '/api/run?name=w&baseline=baseline.ini&reps=100000&seed=1', '[scenario]\n', 400,
         r'1 to 200'),
        ('path with ..', 'GET', '/charts/../../../etc/passwd', None, 404, r'no such page'),
        ('unknown request', 'POST', '/api/delete', '', 404, r'no such request'),
        ('another method', 'PUT', '/api/run', '', 405, r'only GET and POST'),
    ]
    for name, method, path, body, status, pattern in cases:
        got, r = reply(port, method, path, body)
        msg = r.get('error', '')
        if got != status or not re.search(pattern, msg) or 'top secret' in msg or \
                'root:' in msg:
            bad('%s: got %d %r, want %d /%s/' % (name, got, msg[:200], status, pattern))
    got, r = reply(port, 'GET', '/', host='evil.example:%d' % port)
    if got != 403:
        bad('a request for another host name was answered: %d' % got)
    _, listing = reply(port, 'GET', '/api/scenarios')
    files = [s['file'] for s in listing['scenarios']]
    if 'link.ini' in files or 'secret.ini' in files or 'isle-of-wight-2011.ini' not in files:
        bad('the listing shows %s' % files)
    _, _, after = request(port, 'GET', '/report.html')
    if after != before:
        bad('a bad request changed the last results')


def loopback_only(port):
    """Bound to 127.0.0.1 alone: no other address of this machine answers on the port."""
    hexport = '%04X' % port
    listening = []
    for table in ('/proc/net/tcp', '/proc/net/tcp6'):
        with open(table) as f:
            for line in f.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if state == '0A' and local.endswith(':' + hexport):
                    listening.append(local)
    if listening != ['0100007F:' + hexport]:
        bad('listening on %s, want 127.0.0.1 only' % listening)
    try:
        addrs = subprocess.run(['hostname', '-I'], capture_output=True, text=True).stdout.split()
    except OSError:
        addrs = []  # no other address to try
    for a in addrs:
        if a.startswith('127.'):
            continue
        s = socket.socket(socket.AF_INET6 if ':' in a else socket.AF_INET)
        s.settimeout(2)
        try:
            s.connect((a, port))
            bad('reachable on %s' % a)
        except OSError:
            pass
        finally:
            s.close()


def one_at_a_time_and_stop(proc, port, tmpdir):
    """A second run while one is under way is told so; Ctrl-C stops the run and the server,
    which removes its temporary folder."""
    with open(os.path.join(SRC, 'scenarios', 'centre-cut-27.ini')) as f:
        text = f.read()
    first = {}

    def long_run():
        first['r'] = reply(port, 'POST', '/api/run?name=long&baseline=isle-of-wight-2011.ini'
                           '&reps=200&seed=1', text)

    t = threading.Thread(target=long_run)
    t.start()
    time.sleep(1.0)
    got, r = reply(port, 'POST', '/api/run?name=w2&baseline=isle-of-wight-2011.ini&reps=5&seed=1',
                   text)
    if got != 503 or 'another run is under way' not in r.get('error', ''):
        bad('a second run at once: %d %r' % (got, r))
    t0 = time.time()
    proc.send_signal(signal.SIGINT)
    try:
        rc = proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        bad('Ctrl-C did not stop the server within 30 s')
        proc.kill()
        return
    t.join(timeout=30)
    took = time.time() - t0
    print('serve_page: Ctrl-C during a run of 200 replications stopped the server in %.1f s' % took)
    if rc != 0:
        bad('the server exited %d after Ctrl-C' % rc)
    status = first.get('r', (0, {}))[0]
    if status == 200:
        bad('the run under way finished instead of stopping')
    if os.listdir(tmpdir):
        bad('the temporary folder is left: %s' % os.listdir(tmpdir))
    with open(os.path.join(TMP, 'serve.log')) as f:
        said = f.read().splitlines()
    if said[1:] != ['caseload serve: stopping (signal 2)']:
        bad('the server said more than where to open it and that it stops: %s' % said[1:6])


def time_limit(scen):
    """A run estimated beyond --max-seconds is refused before it starts, with the estimate."""
    tmpdir = os.path.join(TMP, 't2')
    os.makedirs(tmpdir)
    proc, port = start_server(scen, tmpdir, '--max-seconds', '1')
    try:
        got, r = reply(port, 'POST', '/api/run?name=w&baseline=isle-of-wight-2011.ini&reps=200'
                       '&seed=1', '[scenario]\nbase = isle-of-wight-2011.ini\n')
        if got != 400 or r.get('where') != 'reps' or \
                not re.search(r'would take about \d+ s .* limit of 1 s', r.get('error', '')):
            bad('a run beyond --max-seconds: %d %r' % (got, r))
    finally:
        proc.send_signal(signal.SIGTERM)
        if proc.wait(timeout=30) != 0:
            bad('the server exited %d after SIGTERM' % proc.returncode)


def main():
    scen = os.path.join(TMP, 'scenarios')
    tmpdir = os.path.join(TMP, 't')
    os.makedirs(tmpdir)
    shutil.copytree(os.path.join(SRC, 'scenarios'), scen)
    with open(os.path.join(TMP, 'secret.ini'), 'w') as f:
        f.write('[scenario]\nname = top secret words\n')
    os.symlink(os.path.join(TMP, 'secret.ini'), os.path.join(scen, 'link.ini'))
    proc, port = start_server(scen, tmpdir)
    try:
        page = drive_page(port, scen)
        if page:
            _, _, server_report = request(port, 'GET', '/report.html')
            compare_cli(scen, page[1], page[0], server_report)
        bad_requests(port, scen)
        loopback_only(port)
        again = subprocess.run([CASELOAD, 'serve', '--port', str(port), '--scenarios', scen],
                               capture_output=True, text=True, timeout=20)
        if again.returncode != 1 or 'cannot listen' not in again.stderr:
            bad('a second server on the same port: %d %s' % (again.returncode, again.stderr))
        one_at_a_time_and_stop(proc, port, tmpdir)
        time_limit(scen)
    finally:
        if proc.poll() is None:
            proc.kill()
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
