// Confirmations and the run-now form, in the native <dialog>: modal, focus kept inside, Esc closes.
import { h } from "./dom.js";

function dialog(): HTMLDialogElement {
  return document.getElementById("dialog") as HTMLDialogElement;
}

/**
 * Shows `body` with a primary button; `act` runs on confirm and may throw: its message is shown in the
 * dialog and the dialog stays open so the user can correct the input.
 */
export function openDialog(title: string, body: Node[], confirm: string, act: () => Promise<void>): void {
  const d = dialog();
  const error = h("p", { class: "error", role: "alert" });
  const ok = h("button", { type: "submit", class: "primary", id: "dialog-confirm" }, confirm);
  const form = h(
    "form",
    {
      method: "dialog",
      onsubmit: (e) => {
        e.preventDefault();
        ok.disabled = true;
        error.textContent = "";
        act()
          .then(() => d.close())
          .catch((err: unknown) => (error.textContent = (err as Error).message))
          .finally(() => (ok.disabled = false));
      },
    },
    h("h2", {}, title),
    ...body,
    error,
    h("div", { class: "buttons" }, h("button", { type: "button", onclick: () => d.close() }, "Cancel"), ok),
  );
  d.replaceChildren(form);
  d.showModal();
  (form.querySelector("input, select, textarea") as HTMLElement | null)?.focus();
}
