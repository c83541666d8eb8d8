// Entry point: fonts (Noto Sans, as in the PDF report) and global styles from the
// bundle, never from the network; then the app.
import "@fontsource/noto-sans/latin-400.css";
import "@fontsource/noto-sans/latin-400-italic.css";
import "@fontsource/noto-sans/latin-600.css";
import "@fontsource/noto-sans/latin-700.css";
import "./app.css";
import { mount } from "svelte";
import App from "./App.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("the page has no #app element");

export default mount(App, { target });
