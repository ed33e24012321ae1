/**
 * Dou Dizhu (斗地主) rules engine: cards, play classification and enumeration, bidding, trick play,
 * scoring, provably fair deals, seat-scoped views and a heuristic bot. Free of container
 * dependencies.
 */
package io.gamehall.game.doudizhu;
