"""Writes the Typst peer's input: the report's content as one JSON view model.

The Typst template beside this file (`report.typ`) reads it and lays out a
document of comparable content to Ironbridge's PDF report and to the HTML
peer: a cover, an executive summary, the money-at-risk tables, one section
per domain with its questions, the roadmap of gaps and an appendix of every
answer with notes. Every string is pre-formatted here (money, scores) and set
by the template as text, never as markup. It is only a benchmark peer: no
test needs it.

Usage: make_typst.py SCORE.json EXPOSURE.json ASSESSMENT.json [BANK_DIR] > report.json
"""

import json
import sys

from peer_data import load, money, score


def main():
    data = load(*sys.argv[1:5])
    card, exposure, currency = data.card, data.exposure, data.currency
    sim = exposure["simulation"]
    view = {
        "client": data.client,
        "sector": data.assessment["organisation"].get("sector", ""),
        "index": score(card["index"]),
        "weakest": card.get("weakest_domain") or "—",
        "method": f"{card['bank_id']} {card['bank_version']} · {card['target_profile']}",
        "headline": exposure["headline"],
        "domains": [
            {
                "name": d["name"],
                "score": score(d["score"]),
                "uncapped": score(d["uncapped"]),
                "count": str(len(d["questions"])),
                "summary": data.domains.get(d["code"], {}).get("summary", ""),
                "caps": [json.dumps(c, ensure_ascii=False) for c in d["caps"]],
                "questions": [
                    [q["id"], q["title"], str(q["level"]), str(q["target"]), str(q["state"])]
                    for q in d["questions"]
                ],
            }
            for d in card["domains"]
        ],
        "top_risks": [f"{g['title']}. {g['reason']} ({g['question']})" for g in card["gaps"][:5]],
        "scenarios": [
            [
                r["label"],
                money(r["gross_loss"], currency),
                money(r["insured_recovery"], currency),
                money(r["uninsured_loss"], currency),
                f"{r['uninsured_days_of_cash']:.0f}",
            ]
            for r in data.scenario_rows()
        ],
        "simulation": [
            [label] + [money(sim[key][k], currency) for k in ("p50", "p90", "p99", "mean")]
            for label, key in (("Gross loss", "gross"), ("Insured recovery", "insured"), ("Uninsured loss", "uninsured"))
        ],
        "flags": [[f["title"], f["explanation"]] for f in exposure["flags"]],
        "gaps": [
            [
                str(g["rank"]),
                f"{g['title']} {g['question']}",
                [json.dumps(r, ensure_ascii=False) for r in g["recommendations"]],
                f"{g['level']} → {g['target']}",
                str(g["priority"]),
            ]
            for g in card["gaps"]
        ],
        "answers": [
            [
                str(a.get("question")),
                data.questions.get(a.get("question"), {}).get("title", ""),
                data.answer_text(a),
                a.get("note", "") or "",
            ]
            for a in data.assessment.get("answers", [])
        ],
    }
    json.dump(view, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
