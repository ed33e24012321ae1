// Chinese and English strings. The language follows navigator.language until the player switches it (kept in
// localStorage).
const STRINGS = {
  en: {
    title: "GameHall",
    nickname: "Nickname",
    save: "Save",
    games: "Games",
    gomoku: "Gomoku",
    xiangqi: "Xiangqi",
    doudizhu: "Dou Dizhu",
    quickMatch: "Quick match",
    cancelMatch: "Cancel",
    practice: "Practice vs bots",
    createPrivate: "Private table",
    joinCode: "6-digit code",
    join: "Join",
    watch: "Watch",
    tables: "Live tables",
    noTables: "No open tables yet. Start one!",
    searching: "Looking for an opponent…",
    privateCode: "Table code",
    players: "playing",
    waiting: "waiting",
    connecting: "Connecting…",
    open: "Connected",
    reconnecting: "Connection lost. Reconnecting in {s} s…",
    reconnectingNow: "Reconnecting…",
    resumed: "Reconnected, game resumed",
    closed: "Disconnected ({code}).",
    replaced: "This account is now playing in another window.",
    retry: "Retry",
    leave: "Leave",
    resign: "Resign",
    draw: "Offer draw",
    undo: "Undo",
    ready: "Ready",
    addBot: "Add bot",
    takeControl: "Take control",
    trustee: "Auto-play",
    offline: "offline {s}s",
    yourTurn: "Your turn",
    theirTurn: "{name} to move",
    waitingPlayers: "Waiting for players…",
    spectating: "Watching",
    you: "you",
    bank: "bank {s}s",
    drawOffered: "{name} offers a draw.",
    undoRequested: "{name} asks to take back a move.",
    accept: "Accept",
    decline: "Decline",
    won: "You won!",
    lost: "You lost.",
    drawn: "Draw.",
    finished: "Game over",
    winner: "Winner: {names}",
    rematch: "Rematch",
    backToLobby: "Lobby",
    chat: "Chat",
    send: "Send",
    hint: "Hint",
    play: "Play",
    pass: "Pass",
    bid: "{n} pt",
    call: "Call landlord",
    rob: "Rob",
    landlord: "Landlord",
    farmer: "Farmer",
    cards: "{n} cards",
    kitty: "Kitty",
    stake: "Stake ×{n}",
    forbidden: "Forbidden point (Renju)",
    refused: "Not allowed: {msg}",
    phrase_hello: "Hello!",
    phrase_good_game: "Good game",
    phrase_well_played: "Well played",
    phrase_hurry_up: "Hurry up, please",
    phrase_oops: "Oops",
    phrase_thanks: "Thanks",
    reason_win: "",
    reason_resign: "by resignation",
    reason_timeout: "on time",
    reason_abandonment: "by abandonment",
    reason_agreed_draw: "by agreement",
    reason_draw: "",
    red: "Red",
    black: "Black",
    white: "White",
    check: "Check!",
  },
  zh: {
    title: "游戏大厅",
    nickname: "昵称",
    save: "保存",
    games: "游戏",
    gomoku: "五子棋",
    xiangqi: "象棋",
    doudizhu: "斗地主",
    quickMatch: "快速匹配",
    cancelMatch: "取消",
    practice: "人机练习",
    createPrivate: "私人房间",
    joinCode: "6位房间号",
    join: "加入",
    watch: "观战",
    tables: "正在进行",
    noTables: "暂无牌桌，快来开一桌吧！",
    searching: "正在匹配对手…",
    privateCode: "房间号",
    players: "人在玩",
    waiting: "人等待",
    connecting: "正在连接…",
    open: "已连接",
    reconnecting: "连接断开，{s} 秒后重连…",
    reconnectingNow: "正在重连…",
    resumed: "已重新连接，对局继续",
    closed: "连接已断开（{code}）。",
    replaced: "该账号已在其他窗口登录。",
    retry: "重试",
    leave: "离开",
    resign: "认输",
    draw: "求和",
    undo: "悔棋",
    ready: "准备",
    addBot: "加机器人",
    takeControl: "取消托管",
    trustee: "托管中",
    offline: "离线 {s}秒",
    yourTurn: "轮到你了",
    theirTurn: "等待 {name}",
    waitingPlayers: "等待玩家加入…",
    spectating: "观战中",
    you: "你",
    bank: "备用 {s}秒",
    drawOffered: "{name} 提出和棋。",
    undoRequested: "{name} 请求悔棋。",
    accept: "同意",
    decline: "拒绝",
    won: "你赢了！",
    lost: "你输了。",
    drawn: "和棋。",
    finished: "对局结束",
    winner: "胜者：{names}",
    rematch: "再来一局",
    backToLobby: "返回大厅",
    chat: "聊天",
    send: "发送",
    hint: "提示",
    play: "出牌",
    pass: "不出",
    bid: "{n}分",
    call: "叫地主",
    rob: "抢地主",
    landlord: "地主",
    farmer: "农民",
    cards: "{n}张",
    kitty: "底牌",
    stake: "倍数 ×{n}",
    forbidden: "禁手点（连珠规则）",
    refused: "不允许：{msg}",
    phrase_hello: "你好！",
    phrase_good_game: "打得好",
    phrase_well_played: "高手！",
    phrase_hurry_up: "快点吧，等得花都谢了",
    phrase_oops: "哎呀",
    phrase_thanks: "谢谢",
    reason_win: "",
    reason_resign: "（认输）",
    reason_timeout: "（超时）",
    reason_abandonment: "（掉线弃局）",
    reason_agreed_draw: "（协议和棋）",
    reason_draw: "",
    red: "红方",
    black: "黑方",
    white: "白方",
    check: "将军！",
  },
};

let lang = pick();

function pick() {
  let saved = null;
  try {
    saved = localStorage.getItem("gamehall.lang");
  } catch (e) {
    // storage disabled
  }
  if (saved && STRINGS[saved]) return saved;
  const nav = (navigator.language || "en").toLowerCase();
  return nav.startsWith("zh") ? "zh" : "en";
}

export function language() {
  return lang;
}

export function setLanguage(l) {
  lang = STRINGS[l] ? l : "en";
  try {
    localStorage.setItem("gamehall.lang", lang);
  } catch (e) {
    // storage disabled
  }
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}

/** The string for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] != null ? String(vars[k]) : ""));
}

export const PHRASES = ["hello", "good_game", "well_played", "hurry_up", "oops", "thanks"];
