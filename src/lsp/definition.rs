//! `textDocument/definition` on a figure: the source sentence(s) it was matched to, as
//! exact ranges in the corpus files.

use super::diagnostics::quote_location;
use super::server::{Place, State};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

pub async fn definition(
    state: &Arc<State>,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let p = params.text_document_position_params;
    let Some(at) = state
        .claims_at(&p.text_document.uri, Place::Point(p.position))
        .await?
    else {
        return Ok(None);
    };
    let Some(claim) = at.claims.first() else {
        return Ok(None);
    };
    let caps = state.caps();
    let mut locations: Vec<Location> = Vec::new();
    for e in &claim.evidence {
        if let Some((uri, range)) = quote_location(&at.loaded, e, &caps) {
            let l = Location { uri, range };
            if !locations.contains(&l) {
                locations.push(l);
            }
        }
    }
    Ok(match locations.len() {
        0 => None,
        1 => Some(GotoDefinitionResponse::Scalar(locations.remove(0))),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    })
}
