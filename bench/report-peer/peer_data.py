"""The report's content as the peers see it: one loader for every peer.

Reads the JSON of `ironbridge score FILE --json` and `ironbridge exposure
FILE --json`, the assessment file (client, answers, notes) and the folder of
the bank it was answered on (domain summaries, question titles, level
descriptors: `assets/bank` for bank 1.x, `assets/bank-N` for N.x, unless a
folder is given), and gives
them to the HTML (WeasyPrint) and Typst peers in one shape, with the same
money and score formatting, so both render the same content.
"""

import json
import pathlib
import tomllib
from dataclasses import dataclass


def money(amount, currency):
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency, currency + " ")
    sign = "-" if round(amount) < 0 else ""
    return f"{sign}{symbol}{abs(round(amount)):,}"


def score(value):
    return "—" if value is None else f"{value:.0f}"


@dataclass
class PeerData:
    card: dict
    exposure: dict
    assessment: dict
    domains: dict
    questions: dict

    @property
    def client(self):
        return self.assessment["organisation"]["name"]

    @property
    def currency(self):
        return self.exposure["currency"]

    def scenario_rows(self):
        return self.exposure["scenarios"] + [p["row"] for p in self.exposure["provider_outages"]]

    def answer_text(self, answer):
        """The answer as a reader sees it: a level with its descriptor, or the value."""
        q = self.questions.get(answer.get("question"), {})
        response = answer.get("response")
        levels = q.get("levels", [])
        if isinstance(response, dict) and isinstance(response.get("level"), int) and response["level"] < len(levels):
            return f"Level {response['level']}: {levels[response['level']]}"
        return str(response)


ROOT = pathlib.Path(__file__).resolve().parents[2]


def bank_dir_of(assessment):
    """The shipped folder of the bank the assessment names (by major version)."""
    version = assessment["bank"]["version"]
    major = int(version.split(".")[0])
    folder = ROOT / "assets" / ("bank" if major == 1 else f"bank-{major}")
    if not (folder / "bank.toml").is_file():
        raise SystemExit(f"the assessment is on bank {version}, and {folder} holds no bank.toml")
    return folder


def load(score_path, exposure_path, assessment_path, bank_dir=None):
    assessment = json.load(open(assessment_path, encoding="utf-8"))
    bank_dir = pathlib.Path(bank_dir) if bank_dir else bank_dir_of(assessment)
    domains, questions = {}, {}
    for path in sorted(bank_dir.glob("*.toml")):
        for domain in tomllib.loads(path.read_text(encoding="utf-8")).get("domains", []):
            domains[domain["code"]] = domain
            for q in domain.get("questions", []):
                questions[q["id"]] = q
    return PeerData(
        card=json.load(open(score_path, encoding="utf-8")),
        exposure=json.load(open(exposure_path, encoding="utf-8")),
        assessment=assessment,
        domains=domains,
        questions=questions,
    )
