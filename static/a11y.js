// Accessibility fixes on the DOM that Streamlit itself writes (loaded by essdash/ui/page_setup.py).
// Idempotent and cheap: it runs once per tab, then again after each change of the page's nodes.
// No less-than sign followed by a letter anywhere in this file: DOMPurify (st.html) would drop it.
(function () {
  if (window.essdashA11y) return;
  window.essdashA11y = true;

  function declareFrench() {
    // Streamlit's index.html says lang="en" (streamlit/streamlit#15726): screen readers
    // would read every French word with an English voice.
    if (document.documentElement.lang !== "fr") document.documentElement.lang = "fr";
  }

  function repairNavigationLists() {
    // With sections, Streamlit puts div elements (a header, then the li items) directly in the
    // sidebar's ul: an invalid list (axe "list", "listitem"). Each section becomes a list named
    // by its header, the ul a plain container.
    document.querySelectorAll('[data-testid="stSidebarNavItems"]').forEach(function (ul) {
      var sections = ul.querySelectorAll(":scope > div");
      if (!sections.length) return;
      if (ul.getAttribute("role") !== "none") ul.setAttribute("role", "none");
      sections.forEach(function (section, index) {
        if (section.getAttribute("role") !== "list") section.setAttribute("role", "list");
        var header = section.querySelector(":scope > header");
        if (!header) return;
        if (!header.id) header.id = "essdash-nav-section-" + index;
        if (section.getAttribute("aria-labelledby") !== header.id) {
          section.setAttribute("aria-labelledby", header.id);
        }
      });
    });
  }

  function focusableCodeBlocks() {
    // A long link in st.code scrolls sideways: keyboard users must be able to scroll it.
    document.querySelectorAll('[data-testid="stCode"] pre:not([tabindex])').forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }

  // Streamlit's own words, in English whatever the page's language: [widget, English, French].
  var ENGLISH = [
    ['[data-testid="InputInstructions"]', /Press (⌘|Ctrl)\+Enter to submit form/,
      "$1+Entrée pour envoyer"],
    ['[data-testid="InputInstructions"]', /Press Enter to submit form/, "Entrée pour envoyer"],
    ['[data-testid="InputInstructions"]', /Press (⌘|Ctrl)\+Enter to apply/,
      "$1+Entrée pour valider"],
    ['[data-testid="InputInstructions"]', /Press Enter to apply/, "Entrée pour valider"],
    ['[data-testid="stFileUploader"]', /^Drag and drop an? (file|directory) here$/,
      "Glissez-déposez le fichier ici"],
    ['[data-testid="stFileUploader"]', /^Drag and drop (files|directories) here$/,
      "Glissez-déposez les fichiers ici"],
    ['[data-testid="stFileUploader"]', /^(\d+)(?:[.,]0+)?\s?([KMG])B per file/,
      "$1 $2o au plus par fichier"],
    ['[data-testid="stFileUploader"]', /^Upload$/, "Choisir un fichier"],
  ];

  function frenchStreamlitWords() {
    // The uploader's hidden input is named "file upload" for screen readers.
    document.querySelectorAll('[data-testid="stFileUploaderDropzoneInput"]').forEach(function (el) {
      if (el.getAttribute("aria-label") === "file upload") el.setAttribute("aria-label", "Fichier");
    });
    ENGLISH.forEach(function (rule) {
      document.querySelectorAll(rule[0] + ", " + rule[0] + " *").forEach(function (el) {
        el.childNodes.forEach(function (node) {
          if (node.nodeType !== 3 || !rule[1].test(node.nodeValue)) return;
          node.nodeValue = node.nodeValue.replace(rule[1], rule[2]);
        });
      });
    });
  }

  var pending = false;
  function fix() {
    pending = false;
    declareFrench();
    repairNavigationLists();
    focusableCodeBlocks();
    frenchStreamlitWords();
  }
  fix();
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.setTimeout(fix, 50);  // not requestAnimationFrame: it stops in background tabs
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})();
