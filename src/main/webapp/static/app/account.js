// The account card: log in, register, log out (this device or every device) and change the password. Its own module
// (loaded after main.js, whose GameHall it uses) with its own strings, so the lobby code stays as it is.
import { language } from "./i18n.js";

const STRINGS = {
  en: {
    account: "Account",
    accountName: "account name",
    password: "password",
    login: "Log in",
    register: "Register",
    logout: "Log out",
    logoutAll: "Log out everywhere",
    oldPassword: "current password",
    newPassword: "new password",
    changePassword: "Change password",
    signedIn: "Signed in as {name}",
    guest: "Playing as a guest: register to keep your ratings and history.",
    loggedOut: "Logged out.",
    loggedOutAll: "Logged out on every device.",
    passwordChanged: "Password changed; your other devices are signed out.",
    registered: "Account {name} created.",
    retryAfter: "Too many failed attempts: try again in {s} s.",
    BAD_CREDENTIALS: "Wrong account name or password.",
    WEAK_PASSWORD: "That password is too weak: {msg}",
    NAME_TAKEN: "That name is taken.",
    STORE_UNAVAILABLE: "Accounts are unavailable right now.",
    failed: "Not done: {msg}",
  },
  zh: {
    account: "账号",
    accountName: "账号名",
    password: "密码",
    login: "登录",
    register: "注册",
    logout: "退出登录",
    logoutAll: "退出所有设备",
    oldPassword: "当前密码",
    newPassword: "新密码",
    changePassword: "修改密码",
    signedIn: "已登录：{name}",
    guest: "当前为游客：注册后可保留积分和战绩。",
    loggedOut: "已退出登录。",
    loggedOutAll: "已在所有设备上退出登录。",
    passwordChanged: "密码已修改，其他设备已退出登录。",
    registered: "账号 {name} 已创建。",
    retryAfter: "失败次数过多，请 {s} 秒后再试。",
    BAD_CREDENTIALS: "账号名或密码错误。",
    WEAK_PASSWORD: "密码太弱：{msg}",
    NAME_TAKEN: "该账号名已被使用。",
    STORE_UNAVAILABLE: "账号服务暂不可用。",
    failed: "未完成：{msg}",
  },
};

/** The account card's string for key in the page's language. */
export function text(key, vars = {}) {
  const s = (STRINGS[language()] || STRINGS.en)[key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] != null ? String(vars[k]) : ""));
}

/** What to tell the player about a refused account request (a CommandError from the SDK). */
export function refusal(e) {
  const detail = (e && e.reply) || {};
  if (e && e.code === "RATE_LIMITED" && detail.retryAfterSeconds != null) {
    return text("retryAfter", { s: detail.retryAfterSeconds });
  }
  if (e && STRINGS.en[e.code]) return text(e.code, { msg: e.message });
  return text("failed", { msg: (e && (e.message || e.code)) || "?" });
}

const KEY = "gamehall.account";
const $ = (id) => document.getElementById(id);

function signedIn() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) || "null");
  } catch (e) {
    return null;
  }
}

function remember(account) {
  try {
    if (account) sessionStorage.setItem(KEY, JSON.stringify(account));
    else sessionStorage.removeItem(KEY);
  } catch (e) {
    // storage disabled: the card shows the guest form after a reload
  }
}

function say(message) {
  $("account-message").textContent = message;
}

function render(hall) {
  for (const node of document.querySelectorAll("[data-account-i18n]")) node.textContent = text(node.dataset.accountI18n);
  for (const node of document.querySelectorAll("[data-account-placeholder]")) {
    node.placeholder = text(node.dataset.accountPlaceholder);
  }
  const me = signedIn();
  const isAccount = me && hall.player && hall.player.playerId === me.playerId;
  $("account-guest").hidden = !!isAccount;
  $("account-signed-in").hidden = !isAccount;
  $("account-status").textContent = isAccount ? text("signedIn", { name: me.name }) : text("guest");
}

function clearPasswords() {
  for (const id of ["account-password", "old-password", "new-password"]) $(id).value = "";
}

/** Wires the card to `hall` (the page's GameHall). */
export function start(hall) {
  const rerender = () => render(hall);
  hall.on("state", rerender);
  hall.on("message", (msg) => {
    if (msg.type === "welcome") rerender();
  });
  $("lang-toggle").addEventListener("click", rerender);

  $("login-btn").onclick = () => {
    const name = $("account-name").value.trim();
    hall
      .login(name, $("account-password").value)
      .then((welcome) => {
        remember({ name: name.toLowerCase(), playerId: welcome.playerId });
        clearPasswords();
        say("");
        rerender();
      })
      .catch((e) => say(refusal(e)));
  };
  $("register-btn").onclick = () => {
    const name = $("account-name").value.trim();
    hall
      .register(name, $("account-password").value)
      .then((account) => {
        remember({ name: account.name, playerId: account.playerId });
        clearPasswords();
        say(text("registered", { name: account.name }));
        rerender();
      })
      .catch((e) => say(refusal(e)));
  };
  const logout = (all) =>
    hall
      .logout({ all })
      .then(() => {
        remember(null);
        say(text(all ? "loggedOutAll" : "loggedOut"));
        rerender();
      })
      .catch((e) => say(refusal(e)));
  $("logout-btn").onclick = () => logout(false);
  $("logout-all-btn").onclick = () => logout(true);
  $("change-password-btn").onclick = () => {
    hall
      .changePassword($("old-password").value, $("new-password").value)
      .then(() => {
        clearPasswords();
        say(text("passwordChanged"));
      })
      .catch((e) => say(refusal(e)));
  };
  rerender();
}

if (typeof window !== "undefined" && window.gamehall && window.gamehall.hall) start(window.gamehall.hall);
