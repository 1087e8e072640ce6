// The edit form's language switch: the fields of one language at a time.
//
// modeltranslation gives every translated field one input per language
// (title_sv, title_en, ..., steps-0-body_it). The switch shows the source
// language's by default and one other language on demand; fields that are not
// translated (dates, owner, related pages) always show. A language whose
// fields have errors is marked, and the form opens on the first such language.
(() => {
  const form = document.querySelector("form[data-edit-form]");
  const data = document.getElementById("portal-languages");
  if (!form || !data) return;
  const languages = JSON.parse(data.textContent);
  const labels = JSON.parse(document.getElementById("portal-language-labels").textContent);
  const codes = languages.map((language) => language.code);
  const pattern = new RegExp(`_(${codes.join("|")})$`);

  const languageOf = (element) => {
    const named = element.querySelectorAll("[name]");
    const found = new Set();
    for (const input of named) {
      const match = pattern.exec(input.name);
      found.add(match ? match[1] : null);
    }
    return found.size === 1 ? [...found][0] : null;
  };

  const mark = () => {
    // A whole panel of one language's fields (a top-level title, say) hides as one.
    form.querySelectorAll("section.w-panel, .w-field__wrapper").forEach((element) => {
      if (element.dataset.portalLanguage !== undefined) return;
      element.dataset.portalLanguage = languageOf(element) || "";
    });
  };

  const show = (code) => {
    form.dataset.portalShownLanguage = code;
    form.querySelectorAll("[data-portal-language]").forEach((element) => {
      const language = element.dataset.portalLanguage;
      element.hidden = Boolean(language) && language !== code;
    });
  };

  const withErrors = () => {
    const codesWithErrors = new Set();
    form.querySelectorAll(".w-field__wrapper").forEach((wrapper) => {
      const invalid = wrapper.querySelector(".w-field--error");
      if (invalid && wrapper.dataset.portalLanguage) {
        codesWithErrors.add(wrapper.dataset.portalLanguage);
      }
    });
    return codesWithErrors;
  };

  mark();
  const errors = withErrors();
  const fieldset = document.createElement("fieldset");
  fieldset.className = "portal-language-switch";
  const legend = document.createElement("legend");
  legend.textContent = labels.legend;
  fieldset.append(legend);
  const initial = languages.find((language) => errors.has(language.code)) || languages[0];
  for (const language of languages) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "radio";
    input.name = "portal-language-switch";
    input.value = language.code;
    input.checked = language.code === initial.code;
    input.addEventListener("change", () => show(language.code));
    const text = language.source ? `${language.name} (${labels.source})` : language.name;
    label.append(input, ` ${text}`);
    label.lang = language.code;
    if (errors.has(language.code)) label.classList.add("portal-language-switch--error");
    fieldset.append(label);
  }
  // Outside the form's data: the switch is not a field of the page.
  form.before(fieldset);
  show(initial.code);

  // Inline children added later (a new step) follow the switch too.
  new MutationObserver(() => {
    mark();
    show(form.dataset.portalShownLanguage);
  }).observe(form, { childList: true, subtree: true });
})();
