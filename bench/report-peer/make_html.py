"""Writes an HTML report of comparable content to Ironbridge's PDF report.

Input: the JSON of `ironbridge score FILE --json` and `ironbridge exposure
FILE --json`, the assessment file itself (for the client, the answers and
their notes) and the folder of the bank it names (domain summaries, level descriptors;
found from the assessment's bank version unless given). Output: one HTML document with a cover, an executive
summary, the money-at-risk tables, one section per domain with its
questions, the roadmap of gaps and an appendix of every answer with notes,
styled for A4 print. It is only the peer of the report benchmark: no test
needs it.

Usage: make_html.py SCORE.json EXPOSURE.json ASSESSMENT.json [BANK_DIR] > report.html
"""

import html
import json
import sys

from peer_data import load, money, score


def esc(text):
    return html.escape(str(text))


CSS = """
@page { size: A4; margin: 22mm 20mm 20mm 25mm;
  @top-left { content: string(client) " — Cyber resilience assessment"; font-size: 7.6pt; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 7.6pt; } }
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 9.8pt; line-height: 1.5; color: #1d2430; }
h1 { font-size: 19pt; page-break-before: always; string-set: client attr(data-client); bookmark-level: 1; }
h2 { font-size: 13pt; page-break-after: avoid; }
.cover h1 { page-break-before: avoid; font-size: 28pt; }
.big { font-size: 54pt; font-weight: bold; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; }
th { text-align: left; font-size: 8pt; border-bottom: 1pt solid #0b4f8a; }
td { vertical-align: top; padding: 3pt 4pt; border-bottom: 0.4pt solid #d0d5dc; font-size: 8.6pt; }
td.n { text-align: right; }
tr { page-break-inside: avoid; }
.callout { background: #eef3f8; padding: 8pt; border-left: 3pt solid #0b4f8a; }
.note { color: #5b6573; font-size: 7.8pt; }
"""


def main():
    data = load(*sys.argv[1:5])
    card, exposure, assessment = data.card, data.exposure, data.assessment
    bank_domains, questions = data.domains, data.questions
    org = assessment["organisation"]
    client = data.client
    currency = data.currency
    out = []
    w = out.append
    w(f"<!doctype html><html><head><meta charset='utf-8'><style>{CSS}</style></head><body>")
    # Cover.
    w(f"<section class='cover'><h1 data-client='{esc(client)}'>{esc(client)}</h1>")
    w(f"<p>Cyber resilience assessment · {esc(org.get('sector', ''))}</p>")
    w(f"<p class='big'>{score(card['index'])} / 100</p>")
    w(f"<p>Resilience index — weakest domain: {esc(card.get('weakest_domain') or '—')}</p>")
    w(f"<p>Method: {esc(card['bank_id'])} {esc(card['bank_version'])} · {esc(card['target_profile'])}</p></section>")
    # Executive summary.
    w(f"<h1 data-client='{esc(client)}'>1 Executive summary</h1>")
    w(f"<div class='callout'><b>Money at risk.</b> {esc(exposure['headline'])}</div>")
    w("<h2>Domains</h2><table><tr><th>Domain</th><th>Score</th><th>Without caps</th><th>Questions</th></tr>")
    for d in card["domains"]:
        w(f"<tr><td>{esc(d['name'])}</td><td class='n'>{score(d['score'])}</td>"
          f"<td class='n'>{score(d['uncapped'])}</td><td class='n'>{len(d['questions'])}</td></tr>")
    w("</table><h2>Top risks</h2><ol>")
    for gap in card["gaps"][:5]:
        w(f"<li><b>{esc(gap['title'])}.</b> {esc(gap['reason'])} ({esc(gap['question'])})</li>")
    w("</ol>")
    # Money at risk.
    w(f"<h1 data-client='{esc(client)}'>2 Money at risk</h1>")
    w("<h2>Scenarios</h2><table><tr><th>Scenario</th><th>Gross loss</th><th>Insured</th><th>Uninsured</th><th>Days of cash</th></tr>")
    rows = data.scenario_rows()
    for r in rows:
        w(f"<tr><td>{esc(r['label'])}</td><td class='n'>{money(r['gross_loss'], currency)}</td>"
          f"<td class='n'>{money(r['insured_recovery'], currency)}</td>"
          f"<td class='n'><b>{money(r['uninsured_loss'], currency)}</b></td>"
          f"<td class='n'>{r['uninsured_days_of_cash']:.0f}</td></tr>")
    w("</table><h2>Many incidents, simulated</h2><table><tr><th></th><th>Median</th><th>90th</th><th>99th</th><th>Mean</th></tr>")
    sim = exposure["simulation"]
    for label, key in (("Gross loss", "gross"), ("Insured recovery", "insured"), ("Uninsured loss", "uninsured")):
        p = sim[key]
        w(f"<tr><td><b>{label}</b></td>" + "".join(
            f"<td class='n'>{money(p[k], currency)}</td>" for k in ("p50", "p90", "p99", "mean")) + "</tr>")
    w("</table>")
    for flag in exposure["flags"]:
        w(f"<p><b>{esc(flag['title'])}.</b> {esc(flag['explanation'])}</p>")
    # Domains: every question with its score and explanation.
    for n, d in enumerate(card["domains"], start=3):
        w(f"<h1 data-client='{esc(client)}'>{n} {esc(d['name'])}</h1>")
        w(f"<p class='big' style='font-size:26pt'>{score(d['score'])} / 100</p>")
        w(f"<p class='note'>{esc(bank_domains.get(d['code'], {}).get('summary', ''))}</p>")
        for cap in d["caps"]:
            w(f"<div class='callout'>{esc(json.dumps(cap, ensure_ascii=False))}</div>")
        w("<table><tr><th>ID</th><th>Question</th><th>Level</th><th>Target</th><th>State</th></tr>")
        for q in d["questions"]:
            w(f"<tr><td>{esc(q['id'])}</td><td>{esc(q['title'])}</td><td class='n'>{esc(q['level'])}</td>"
              f"<td class='n'>{esc(q['target'])}</td><td>{esc(q['state'])}</td></tr>")
        w("</table>")
    # Roadmap.
    w(f"<h1 data-client='{esc(client)}'>Prioritised roadmap</h1><table><tr><th>#</th><th>Gap and recommended steps</th><th>Level</th><th>Priority</th></tr>")
    for gap in card["gaps"]:
        steps = "".join(f"<br>{esc(json.dumps(r, ensure_ascii=False))}" for r in gap["recommendations"])
        w(f"<tr><td>{gap['rank']}</td><td><b>{esc(gap['title'])}</b> {esc(gap['question'])}{steps}</td>"
          f"<td>{esc(gap['level'])} → {esc(gap['target'])}</td><td class='n'>{esc(gap['priority'])}</td></tr>")
    w("</table>")
    # Appendix: every answer with its note.
    w(f"<h1 data-client='{esc(client)}'>Appendix A: every answer</h1><table><tr><th>Question</th><th>Answer</th><th>Note</th></tr>")
    for a in assessment.get("answers", []):
        q = questions.get(a.get("question"), {})
        response = data.answer_text(a)
        w(f"<tr><td>{esc(a.get('question'))}</td><td><b>{esc(q.get('title', ''))}</b><br>{esc(response)}</td>"
          f"<td>{esc(a.get('note', ''))}</td></tr>")
    w("</table></body></html>")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
