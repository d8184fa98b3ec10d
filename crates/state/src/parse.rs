//! Event → state updates (libsinsp's `sinsp_parser`).
