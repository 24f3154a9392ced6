"""tap.py: Test Anything Protocol for the Python end-to-end tests.

    from tap import TAP
    t = TAP()
    t.ok(cond, "name"); t.is_(got, want, "name"); t.like(text, regex, "name")
    t.done()            # prints the plan and exits 0 or 1
    t.skip_all("why")   # whole script skipped with a reason
"""
import re
import sys
import traceback


class TAP:
    def __init__(self):
        self.n = 0
        self.failed = 0
        sys.stdout.reconfigure(line_buffering=True)

    def ok(self, cond, name):
        self.n += 1
        if not cond:
            self.failed += 1
        print(f"{'' if cond else 'not '}ok {self.n} - {name}")
        if not cond:
            stack = traceback.extract_stack()
            caller = stack[-3] if len(stack) >= 3 else stack[0]
            self.diag(f"at {caller.filename}:{caller.lineno}")
        return bool(cond)

    def is_(self, got, want, name):
        r = self.ok(got == want, name)
        if not r:
            self.diag(f"got:  {got!r}")
            self.diag(f"want: {want!r}")
        return r

    def like(self, got, regex, name):
        r = self.ok(got is not None and re.search(regex, got) is not None, name)
        if not r:
            self.diag(f"got:  {got!r}")
            self.diag(f"want match: {regex!r}")
        return r

    def diag(self, msg):
        for line in str(msg).splitlines() or [""]:
            print(f"# {line}")

    def skip(self, reason, count=1):
        for _ in range(count):
            self.n += 1
            print(f"ok {self.n} # skip {reason}")

    def skip_all(self, reason):
        print(f"1..0 # SKIP {reason}")
        sys.exit(0)

    def done(self):
        print(f"1..{self.n}")
        sys.exit(1 if self.failed or self.n == 0 else 0)
