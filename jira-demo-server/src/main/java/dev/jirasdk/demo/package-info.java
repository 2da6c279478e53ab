/**
 * The demo server: {@link dev.jirasdk.demo.Main} ({@code java -jar}), {@link dev.jirasdk.demo.DemoServer} and
 * its {@link dev.jirasdk.demo.Config}. Everything else in this package is the server's own wiring and is not
 * an API.
 */
package dev.jirasdk.demo;
