// Booking step 1, progressive enhancement: ticking treatments hides the clinicians who do not
// consult on all of them, as the server's check would refuse them anyway. Without this file
// every clinician stays listed and the server explains a mismatch.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-clinician-filter]");
  if (!form) {
    return;
  }
  const note = form.querySelector("[data-clinician-note]");
  const procedures = [...form.querySelectorAll("input[name=procedures]")];
  // "First available" has no data-consults-on: it is always offered.
  const clinicians = [...form.querySelectorAll("input[name=clinician][data-consults-on]")];
  const firstAvailable = form.querySelector("input[name=clinician][value='']");
  if (!note || !firstAvailable || !clinicians.length) {
    return;
  }

  const consultsOnAll = (radio, ticked) => {
    const offered = radio.dataset.consultsOn;
    return offered === "*" || ticked.every((id) => offered.split(" ").includes(id));
  };

  // Each radio sits in its own <div> (Django's radio list): hide that row.
  const row = (radio) => radio.closest("label").parentElement;

  let fellBack = false; // the fallback note stays until the visitor picks a clinician again

  const update = (announce) => {
    const ticked = procedures.filter((box) => box.checked).map((box) => box.value);
    let fallback = null;
    let narrowed = false;
    for (const radio of clinicians) {
      let eligible = consultsOnAll(radio, ticked);
      if (!eligible && radio.checked) {
        if (announce) {
          fallback = radio;
        } else {
          // On load (a form sent back with errors) the server's message names this choice;
          // keep it in view rather than change the visitor's answer behind their back.
          eligible = true;
        }
      }
      row(radio).hidden = !eligible;
      radio.disabled = !eligible;
      narrowed = narrowed || !eligible;
    }
    if (fallback) {
      firstAvailable.checked = true;
      fellBack = true;
      note.textContent = note.dataset.fallback.replace("%(name)s", fallback.dataset.name);
    } else if (announce && !fellBack) {
      note.textContent = narrowed ? note.dataset.narrowed : "";
    }
  };

  for (const radio of form.querySelectorAll("input[name=clinician]")) {
    radio.addEventListener("change", () => {
      fellBack = false;
      note.textContent = "";
    });
  }

  for (const box of procedures) {
    box.addEventListener("change", () => update(true));
  }
  update(false);
});
