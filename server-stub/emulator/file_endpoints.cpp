#include "emulator/file_endpoints.hpp"

#include "emulator/access_rules.hpp"
#include "emulator/ids.hpp"
#include "emulator/request_params.hpp"

namespace iiv::emulator {

using common::Fail;

namespace {

Json render_file(const EndpointContext& ctx, const StoredFile& file, const ExpandSet& expand) {
  const std::size_t size = file.content ? file.content->bytes().size() : 0;
  const auto links = expand.has("links") ? ctx.store.links_for_file(file.id) : std::vector<FileLink>{};
  return file_json(file, size, links, ctx.now, ctx.files_base, expand);
}

Json render_link(const EndpointContext& ctx, const FileLink& link, const ExpandSet& expand) {
  std::optional<Json> file;
  if (expand.has("file"))
    if (const auto stored = ctx.store.file(link.file)) file = render_file(ctx, *stored, expand.below("file"));
  return file_link_json(link, ctx.now, ctx.files_base, file);
}

}  // namespace

EndpointResult retrieve_file(const EndpointContext& ctx) {
  if (auto known = reject_unknown_params(ctx.params, {"expand"}); !known) return Fail(known.error());
  auto expand = requested_expand(ctx.params, ExpandTarget::file);
  if (!expand) return Fail(expand.error());
  const auto file = ctx.store.file(ctx.id);
  if (!file) return Fail(errors::no_such_object("file", ctx.id, "file"));
  return render_file(ctx, *file, *expand);
}

EndpointResult create_file_link(const EndpointContext& ctx) {
  if (auto known = reject_unknown_params(ctx.params, {"expand", "expires_at", "file", "metadata"}); !known)
    return Fail(known.error());
  auto expand = requested_expand(ctx.params, ExpandTarget::file_link);
  if (!expand) return Fail(expand.error());
  auto file_param = optional_string_param(ctx.params, "file");
  if (!file_param) return Fail(file_param.error());
  if (!*file_param || (*file_param)->empty()) return Fail(errors::missing_required_param("file"));
  auto expires_at = optional_integer(ctx.params, "expires_at");
  if (!expires_at) return Fail(expires_at.error());
  auto metadata = metadata_param(ctx.params);
  if (!metadata) return Fail(metadata.error());

  const auto file = ctx.store.file(**file_param);
  if (!file) return Fail(errors::no_such_object("file", **file_param, "file", 400));
  std::optional<VerificationSession> owner;
  if (file->verification_session) owner = ctx.store.session(*file->verification_session);
  if (auto allowed = check_file_link(ctx.key, *file, owner ? &*owner : nullptr, *expires_at, ctx.now); !allowed)
    return Fail(allowed.error());

  FileLink link;
  link.id = new_object_id("link");
  link.created = ctx.now;
  link.file = file->id;
  link.expires_at = *expires_at;
  link.metadata = std::move(metadata).value();
  link.token = new_link_token();
  ctx.store.add_link(link);
  return render_link(ctx, link, *expand);
}

EndpointResult retrieve_file_link(const EndpointContext& ctx) {
  if (auto known = reject_unknown_params(ctx.params, {"expand"}); !known) return Fail(known.error());
  auto expand = requested_expand(ctx.params, ExpandTarget::file_link);
  if (!expand) return Fail(expand.error());
  const auto link = ctx.store.link(ctx.id);
  if (!link) return Fail(errors::no_such_object("file_link", ctx.id, "link"));
  return render_link(ctx, *link, *expand);
}

}  // namespace iiv::emulator
