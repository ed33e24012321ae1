/**
 * The wire protocol: sealed message types for each direction, their JSON codecs, error codes and
 * close codes.
 *
 * <p>Nothing here knows about sessions or games; the codecs are pure functions of text.
 */
package io.gamehall.protocol;
