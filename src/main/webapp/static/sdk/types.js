// @ts-check
// The protocol's messages (docs/protocol.md) and the SDK's own shapes as JSDoc types, for editors and `tsc --checkJs`.
// No code: the SDK's modules refer to these with `import("./types.js")`; gamehall.js re-exports them for users.

// ---------------------------------------------------------------------------------------------------------------
// Protocol messages (docs/protocol.md), as JSDoc types

/**
 * Client to server. Every message may carry an `id` (answered in `re`); table commands name their `table`.
 * @typedef {{type: "hello", id?: string, protocol?: number, nickname?: string, token?: string}} HelloMessage
 * @typedef {{type: "login", id?: string, protocol?: number, name: string, password: string}} LoginMessage
 * @typedef {{type: "ping", id?: string, t?: number}} PingMessage
 * @typedef {{type: "resume", id?: string, table: string, lastSeq: number}} ResumeMessage
 * @typedef {{type: "act", id?: string, table: string, move: string, seq?: number}} ActMessage
 * @typedef {{type: string, id?: string, table?: string, [field: string]: unknown}} CommandMessage
 *     any other command (`ready`, `resign`, `leave`, `take_control`, `chat`, `quick_match`, `history`...)
 * @typedef {HelloMessage | LoginMessage | PingMessage | ResumeMessage | ActMessage | CommandMessage} ClientMessage
 */

/**
 * Server to client.
 * @typedef {{type: "welcome", re?: string, playerId: string, nickname: string, protocol: number,
 *     heartbeatSeconds: number, maxMessageBytes: number, token: string, tokenExpiresAt: number, resumed: boolean,
 *     tables: string[]}} WelcomeMessage
 * @typedef {{type: "pong", re?: string, t?: number}} PongMessage
 * @typedef {{type: "error", re?: string, code: string, message: string}} ErrorMessage
 * @typedef {{type: "ack", re?: string, table: string, seq: number}} AckMessage
 * @typedef {{type: "refused", re?: string, table: string, code: string, message: string}} RefusedMessage
 * @typedef {{type: "snapshot", re?: string, table: string, seq: number, state: TableState}} SnapshotMessage
 * @typedef {{type: "event", re?: string, table: string, seq: number, kind: string, data: EventData,
 *     folded?: boolean}} EventMessage `re`: the mover's copy of the event answering its `act`; `folded`: a `clock`
 *     event the SDK made from a move's `data.clock`
 * @typedef {{type: "matching", re?: string, game: string, queued: boolean, table?: string}} MatchingMessage
 * @typedef {{type: "table_created", re?: string, table: string, code?: string}} TableCreatedMessage
 * @typedef {{type: string, re?: string, table?: string, seq?: number, code?: string, message?: string,
 *     [field: string]: any}} OtherMessage `lobby`, `lobby_update`, `account`, `history`, `replay`...
 * @typedef {WelcomeMessage | PongMessage | ErrorMessage | AckMessage | RefusedMessage | SnapshotMessage
 *     | EventMessage | MatchingMessage | TableCreatedMessage | OtherMessage} ServerMessage
 */

/**
 * A table as a snapshot shows it (`snapshot.state`).
 * @typedef {{seat: number, playerId: string | null, nickname?: string, bot?: boolean, online?: boolean,
 *     trustee?: boolean, ready?: boolean, rematch?: boolean, bankMillis?: number, offlineDeadline?: number}} SeatState
 * @typedef {{seat: number, deadline: number, bankMillis: number}} ClockState
 * @typedef {{table: string, game: string, options?: Record<string, string>, phase: "filling" | "playing" | "finished",
 *     yourSeat: number, seats: SeatState[], spectators?: number, clock?: ClockState | null, match?: any,
 *     drawOfferedBy?: number, undoRequestedBy?: number, lastResult?: ResultData | null}} TableState
 */

/**
 * Data of the table events (`event.data` by `event.kind`); game events are in docs/rules.md.
 * @typedef {{seat: number, deadline: number, bank: number, legal?: string[], forbidden?: string[]}} ClockData
 *     `legal` (Xiangqi, Dou Dizhu) and `forbidden` (Renju): only in the acting seat's own copy
 * @typedef {{seat: number, on: boolean}} TrusteeData
 * @typedef {{seat: number, player: string, graceSeconds?: number, deadline?: number,
 *     reason?: "closed" | "silent"}} OfflineData
 * @typedef {{seat: number, player: string}} OnlineData
 * @typedef {{winners: number[], points?: Record<string, number>, reason: string, detail?: string}} ResultData
 * @typedef {{[field: string]: any}} EventData
 */

// The connection

/**
 * @typedef {"idle"|"connecting"|"open"|"reconnecting"|"closed"} ConnectionState
 * @typedef {{state: ConnectionState, inMs?: number | null, code?: number, reason?: string, resumed?: boolean,
 *     replaced?: boolean, offline?: boolean}} StateEvent `offline`: the browser reports no network
 * @typedef {{protocol: string, host: string, pathname: string}} PageLocation
 * @typedef {{readyState: number, send: (text: string) => void, close: (code?: number, reason?: string) => void,
 *     onopen: ((ev: any) => void) | null, onmessage: ((ev: {data: any}) => void) | null,
 *     onclose: ((ev: {code?: number, reason?: string}) => void) | null, onerror: ((ev: any) => void) | null}} Socket
 * @typedef {new (url: string) => Socket} SocketConstructor
 */

export {};
