/* The Action Cards tab: what to follow up, how soon and with whom, each card with chips of the
 * results it is based on (a chip shows its box). */

import { $, el } from "./dom.js";
import { FLAG_SYMBOL, displayName, flagKey, prettyUnit, valueText } from "./format.js";
import { lang, t } from "./i18n.js";
import { showRefs } from "./pages.js";
import { selectResult } from "./results.js";
import { state } from "./state.js";

/** Department names (cards/data/departments.yaml); cards carry the code only. */
const DEPARTMENTS = {
  general_practice: ["General practice", "全科"],
  cardiology: ["Cardiology", "心内科"],
  endocrinology: ["Endocrinology", "内分泌科"],
  gastroenterology_hepatology: ["Gastroenterology and hepatology", "消化内科（肝病）"],
  nephrology: ["Nephrology", "肾内科"],
  haematology: ["Haematology", "血液科"],
  urology: ["Urology", "泌尿外科"],
  gynaecology: ["Gynaecology", "妇科"],
  thyroid_breast_surgery: ["Thyroid and breast surgery", "甲乳外科"],
  ophthalmology: ["Ophthalmology", "眼科"],
  respiratory: ["Respiratory medicine", "呼吸内科"],
  neurology: ["Neurology", "神经内科"],
  rheumatology: ["Rheumatology", "风湿免疫科"],
  infectious_diseases: ["Infectious diseases", "感染科"],
  hepatobiliary_surgery: ["Hepatobiliary surgery", "肝胆外科"],
  general_surgery: ["General surgery", "普外科"],
  orthopaedics: ["Orthopaedics", "骨科"],
  ent: ["Ear, nose and throat", "耳鼻喉科"],
  dentistry: ["Dentistry", "口腔科"],
  dermatology: ["Dermatology", "皮肤科"],
  nutrition: ["Clinical nutrition", "临床营养科"],
  emergency: ["Emergency department", "急诊科"],
  paediatrics: ["Paediatrics", "儿科"],
};
/** Cards in this order: urgent first. */
const PRIORITY_ORDER = { urgent: 0, soon: 1, routine: 2 };

/** The Action Cards tab, most urgent first, with the note on what the cards are. */
export function renderCards() {
  const cards = state.cards;
  const list = cards ? cards.cards || [] : [];
  $("count-cards").textContent = cards ? String(list.length) : "–";
  $("tab-cards").classList.toggle("empty-tab", !list.length);
  const empty = $("cards-empty");
  empty.hidden = list.length > 0;
  empty.textContent = cards ? t("no_cards") : t("no_cards_file");
  $("cards-note").textContent = cards ? t("cards_note", { generator: cards.generator || "rules" }) : "";
  const evidence = (cards && cards.evidence) || {};
  const sorted = list.slice().sort((a, b) => (PRIORITY_ORDER[a.priority] ?? 3) - (PRIORITY_ORDER[b.priority] ?? 3));
  $("cards-list").replaceChildren(...sorted.map((card) => cardNode(card, evidence)));
}

/** The name of a card's department in the page's language. */
function departmentName(code) {
  const dept = DEPARTMENTS[code];
  return dept ? dept[lang() === "zh" ? 1 : 0] : code.replace(/_/g, " ");
}

/** One card: priority and when, title, department, explanation, questions and evidence. */
function cardNode(card, evidence) {
  const chips = card.evidence.map((id) => evidenceChip(id, evidence[id] || {}));
  return el("article", { class: `action-card priority-${card.priority}`, "data-testid": "action-card", data: { cardId: card.id }, lang: card.language === "zh" ? "zh-CN" : "en" }, [
    el("header", { class: "card-head" }, [
      el("span", { class: `priority priority-${card.priority}`, text: t(`priority_${card.priority}`) }),
      el("span", { class: "card-when", title: t("card_follow_up") }, [el("span", { "aria-hidden": "true", text: "◷ " }), card.follow_up.text]),
    ]),
    el("h3", { class: "card-title", text: card.title }),
    el("p", { class: "card-dept" }, [el("span", { class: "label", text: `${t("card_department")}: ` }), departmentName(card.department)]),
    el("p", { class: "card-explanation", text: card.explanation }),
    el("details", { class: "card-questions" }, [
      el("summary", { text: t("card_questions") }),
      el(
        "ul",
        {},
        card.questions.map((q) => el("li", { text: q })),
      ),
    ]),
    el("div", { class: "card-evidence" }, [el("span", { class: "label", text: `${t("card_evidence")}:` }), ...chips]),
  ]);
}

/** A chip for one item a card is based on (a result, else the cards' own note of it). */
function evidenceChip(id, ref) {
  const result = state.byId.get(id);
  const name = result ? displayName(result) : ref.name || id;
  const value = result ? `${valueText(result)} ${prettyUnit(result.unit_raw || result.unit)}`.trim() : ref.text || "";
  const flag = result && result.flag ? result.flag : null;
  return el(
    "button",
    {
      type: "button",
      class: `evidence-chip flag-${flagKey(flag)}`,
      data: { evidenceId: id },
      title: t("show_on_page"),
      onclick: () => (result ? selectResult(id, "card") : showRefs(evidenceProvenance(id, ref), name)),
    },
    [
      el("span", { class: "chip-name", text: name }),
      value ? el("span", { class: "chip-value", text: value }) : null,
      flag && flag !== "N" ? el("span", { class: "chip-flag", text: FLAG_SYMBOL[flag] || "" }) : null,
    ],
  );
}

/** Where non-result evidence was printed: its vital, finding or summary item, else the cards' box. */
function evidenceProvenance(id, ref) {
  const vital = (state.report.vitals || []).find((v) => v.id === id);
  const finding = (state.report.findings || []).find((f) => f.id === id);
  const summary = (state.report.summary || []).find((s) => s.id === id);
  const item = vital || finding || summary;
  return item ? item.provenance : ref.page && ref.bbox ? [{ page: ref.page, bbox: ref.bbox }] : [];
}
